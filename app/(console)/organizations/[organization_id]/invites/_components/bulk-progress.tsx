"use client";

import type { Invite } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import type { BulkRow } from "./bulk-parse";

export type Phase =
  | { kind: "edit" }
  | { kind: "sending"; rows: BulkRow[] }
  | { kind: "done"; rows: BulkRow[]; invites: Invite[] }
  | { kind: "failed"; rows: BulkRow[]; detail: string; index: number | null };

const plural = (n: number) => `${n} ${n === 1 ? "invitation" : "invitations"}`;

/**
 * The one request's progress: indeterminate while it runs (it is atomic, so there is no partial count), full when
 * done. Announced politely to screen readers.
 */
export function BulkProgress({ phase, onAgain }: { phase: Phase; onAgain: () => void }) {
  return (
    <div role="status" aria-live="polite">
      {phase.kind === "sending" && (
        <div className="space-y-1.5">
          <progress aria-label="Sending invitations" className="h-2 w-full accent-accent" />
          <p className="text-muted">Sending {plural(phase.rows.length)} in one request…</p>
        </div>
      )}
      {phase.kind === "done" && (
        <div className="space-y-1.5">
          <progress aria-label="Invitations sent" value={1} max={1} className="h-2 w-full accent-accent" />
          <div className="flex items-center justify-between gap-3">
            <p>{plural(phase.rows.length)} created. They appear in the list below.</p>
            <Button size="sm" onClick={onAgain}>
              Invite more people
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
