"use client";

import { useId, useState } from "react";
import { CopyButton } from "./copy-button";

/** A secret shown once: selectable, read-only, with a Copy button that says when it worked. */
export function SecretValue({ label, value, onCopied }: { label: string; value: string; onCopied?: () => void }) {
  const id = useId();
  const [failed, setFailed] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          onCopy={onCopied}
          className="h-8 min-w-0 flex-1 rounded-md border border-line-strong bg-subtle px-2.5 font-mono text-xs"
        />
        <CopyButton value={value} onCopied={onCopied} onFailed={() => setFailed(true)} />
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs text-muted">
        {failed && "Could not copy: select the value and copy it yourself."}
      </p>
    </div>
  );
}
