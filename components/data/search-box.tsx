"use client";

import { TextField } from "@/components/form/field";

type Props = {
  label: string;
  hint?: string;
  search: { text: string; setText: (text: string) => void; typing: boolean };
  /** The list is fetching (a new search's results on their way). */
  fetching: boolean;
};

/** The search box above a paged list: it says "Searching…" from the first key press until the results are in. */
export function SearchBox({ label, hint, search, fetching }: Props) {
  const searching = search.typing || fetching;
  return (
    <div role="search" aria-label={label} className="max-w-sm">
      <TextField label={label} name="search" type="search" hint={hint} value={search.text} onChange={(e) => search.setText(e.target.value)} autoComplete="off" />
      <p role="status" className="mt-1 h-4 text-xs text-muted">
        {searching && search.text.trim() !== "" && (
          <>
            <span aria-hidden="true" className="mr-1 inline-block size-2 animate-pulse rounded-full bg-accent" />
            Searching…
          </>
        )}
      </p>
    </div>
  );
}
