"use client";

import { Button } from "@/components/ui/button";
import type { BulkRow } from "./bulk-parse";
import type { RowState } from "./bulk-preview";

export type Phase =
  | { kind: "edit" }
  | { kind: "sending"; rows: BulkRow[] }
  | { kind: "done"; rows: BulkRow[]; outcomes: RowState[]; created: number; resent: number }
  | { kind: "failed"; rows: BulkRow[]; detail: string; index: number | null };

const plural = (n: number) => `${n} ${n === 1 ? "invitation" : "invitations"}`;

/** "2 invitations created, 1 sent again." */
const outcome = (created: number, resent: number) => [created > 0 && `${plural(created)} created`, resent > 0 && `${plural(resent)} sent again`].filter(Boolean).join(", ");

/**
 * The progress of the sending: indeterminate while it runs (new invitations go in one atomic request, so there is no
 * partial count), full when done. Announced politely to screen readers.
 */
export function BulkProgress({ phase, onAgain }: { phase: Phase; onAgain: () => void }) {
  return (
    <div role="status" aria-live="polite">
      {phase.kind === "sending" && (
        <div className="space-y-1.5">
          <progress aria-label="Sending invitations" className="h-2 w-full accent-accent" />
          <p className="text-muted">Sending {plural(phase.rows.length)}…</p>
        </div>
      )}
      {phase.kind === "done" && (
        <div className="space-y-1.5">
          <progress aria-label="Invitations sent" value={1} max={1} className="h-2 w-full accent-accent" />
          <div className="flex items-center justify-between gap-3">
            <p>{outcome(phase.created, phase.resent)}. They appear in the Invites list.</p>
            <Button size="sm" onClick={onAgain}>
              Invite more people
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
