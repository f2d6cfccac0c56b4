"use client";

import { Button } from "@/components/ui/button";

export type PagerProps = { first: number; last: number; count: number; page: number; pages: number; onPage: (page: number) => void };

/** "21–40 of 95 · Page 2 of 5" with Previous and Next, under a list. `label` names the list ("Member pages"). */
export function Pager({ label, pager }: { label: string; pager: PagerProps | null }) {
  if (!pager) return null;
  const { first, last, count, page, pages, onPage } = pager;
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between gap-4">
      <p className="text-muted">
        {first}–{last} of {count}
        {pages > 1 && <span className="hidden sm:inline"> · Page {page} of {pages}</span>}
      </p>
      <div className="flex gap-2">
        <Button size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
