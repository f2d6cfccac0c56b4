"use client";

import { useId, useState } from "react";

/** Reads a CSV file chosen by the person into the address box, where it can be checked and edited before sending. */
export function CsvPicker({ onLoad }: { onLoad: (text: string) => void }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  async function read(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (file.size > 100_000) return setError("That file is too large for a list of 20 people.");
    setError(null);
    onLoad(await file.text());
  }
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        Or upload a CSV file
      </label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => void read(e.currentTarget)}
        className="mt-1.5 block text-sm text-muted file:mr-3 file:h-8 file:rounded-md file:border file:border-line-strong file:bg-surface file:px-3 file:text-sm file:font-medium file:text-fg hover:file:bg-subtle"
      />
      {error && (
        <p role="alert" className="mt-1 text-xs font-medium text-danger-text">
          {error}
        </p>
      )}
    </div>
  );
}
