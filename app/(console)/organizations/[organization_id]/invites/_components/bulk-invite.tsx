"use client";

import { useState, useTransition } from "react";
import type { Level } from "@/lib/auth/permissions";
import type { Invite } from "@/lib/query/types";
import { MAX_BULK_INVITES } from "@/lib/schemas/invites";
import { FormError, TextAreaField } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { bulkCreateInvitesAction } from "../actions";
import { batchProblem, erroredIndex, parseBulk, type BulkRow } from "./bulk-parse";
import { BulkPreview, type RowState } from "./bulk-preview";
import { BulkProgress, type Phase } from "./bulk-progress";
import { CsvPicker } from "./csv-picker";
import { useInvitesRefresh } from "./use-invites-refresh";

/** Many invitations in one atomic request: pasted or from a CSV, previewed row by row, then the outcome of each. */
export function BulkInvite({ organizationId, viewerLevel }: { organizationId: string; viewerLevel: Level }) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organizationId);
  const [text, setText] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "edit" });
  const [, startTransition] = useTransition();
  const rows = phase.kind === "edit" ? parseBulk(text, viewerLevel) : phase.rows;
  const valid = rows.filter((r) => !r.error);
  const problem = batchProblem(valid.length);
  const skipped = rows.length - valid.length;

  function edit(next: string) {
    setText(next);
    setPhase({ kind: "edit" });
  }

  function send() {
    const sent = valid;
    setPhase({ kind: "sending", rows: sent });
    startTransition(async () => {
      const result = await bulkCreateInvitesAction(organizationId, sent.map(({ target_email, level, first_name }) => ({ target_email, level, first_name })));
      if (!result.ok) {
        setPhase({ kind: "failed", rows: sent, detail: result.error.detail, index: erroredIndex(result.error.attr) });
        return;
      }
      setPhase({ kind: "done", rows: sent, invites: result.data as Invite[] });
      setText("");
      toast(`Invited ${sent.length} ${sent.length === 1 ? "person" : "people"}.`);
      void refresh();
    });
  }

  function stateOf(row: BulkRow, index: number): RowState {
    if (row.error) return { tone: "danger", text: row.error };
    if (phase.kind === "sending") return { tone: "accent", text: "Sending…" };
    if (phase.kind === "failed") return index === phase.index ? { tone: "danger", text: phase.detail } : { tone: "neutral", text: "Not sent" };
    if (phase.kind === "done") return phase.invites[index]?.emailing_attempt_made ? { tone: "ok", text: "Invited" } : { tone: "warn", text: "Invited, no email" };
    return { tone: "neutral", text: "Ready" };
  }

  return (
    <Panel
      title="Invite several people"
      description={`Up to ${MAX_BULK_INVITES} at once, as members unless a CSV line says otherwise. It is all or nothing: if one address is refused, nobody is invited.`}
      footer={
        (phase.kind === "edit" || phase.kind === "sending") && (
          <Button variant="primary" onClick={send} disabled={problem !== null} pending={phase.kind === "sending"}>
            {valid.length > 0 ? `Invite ${valid.length} ${valid.length === 1 ? "person" : "people"}` : "Invite these people"}
          </Button>
        )
      }
    >
      <div className="space-y-4">
        <TextAreaField
          label="Email addresses"
          name="bulk"
          rows={5}
          value={text}
          onChange={(e) => edit(e.target.value)}
          spellCheck={false}
          hint="One per line or separated by commas. CSV lines read email,level,first_name; level is member, admin or owner."
        />
        <CsvPicker onLoad={edit} />
        {rows.length > 0 && <BulkPreview rows={rows} stateOf={stateOf} />}
        {phase.kind === "edit" && rows.length > 0 && (
          <p className="text-muted">
            {problem ?? `${valid.length} ready.`}
            {skipped > 0 && ` ${skipped} ${skipped === 1 ? "row has a problem and is" : "rows have problems and are"} left out: fix ${skipped === 1 ? "it" : "them"} above to include ${skipped === 1 ? "it" : "them"}.`}
          </p>
        )}
        <BulkProgress phase={phase} onAgain={() => setPhase({ kind: "edit" })} />
        {phase.kind === "failed" && <FormError message={`Nobody was invited. ${phase.index !== null ? `Line ${phase.rows[phase.index]?.line}: ` : ""}${phase.detail}`} />}
      </div>
    </Panel>
  );
}
