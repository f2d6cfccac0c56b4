"use client";

import { useRef, useState } from "react";
import type { Level } from "@/lib/auth/permissions";
import type { Invite } from "@/lib/query/types";
import { canonicalEmail } from "@/lib/schemas/common";
import { MAX_BULK_INVITES } from "@/lib/schemas/invites";
import { DialogForm } from "@/components/form/action-form";
import { TextAreaField } from "@/components/form/field";
import { useToast } from "@/components/ui/toast";
import { bulkCreateInvitesAction, resendInviteAction } from "../actions";
import { batchProblem, erroredIndex, parseBulk, type BulkRow } from "./bulk-parse";
import { BulkPreview, type RowChoice, type RowState } from "./bulk-preview";
import { BulkProgress, type Phase } from "./bulk-progress";
import { CsvPicker } from "./csv-picker";
import { bulkMessage, NO_EMAIL_NOTE } from "./invite-words";
import { useInvitesRefresh } from "./use-invites-refresh";
import { usePendingInvites } from "./use-pending-invites";

type Props = { organizationId: string; viewerLevel: Level; emailConfigured: boolean; onCancel: () => void };

const delivered = (invite: Invite): RowState => (invite.emailing_attempt_made ? { tone: "ok", text: "Invited" } : { tone: "warn", text: "Invited, no email" });

/**
 * Many invitations: pasted or from a CSV, previewed row by row, then the outcome of each. New invitations go in one
 * atomic request; addresses that already have a pending invitation get it resent unless the row says to replace it.
 */
export function BulkInvite({ organizationId, viewerLevel, emailConfigured, onCancel }: Props) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organizationId);
  const formRef = useRef<HTMLFormElement>(null);
  const [text, setText] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "edit" });
  const [replacing, setReplacing] = useState<ReadonlySet<string>>(new Set());
  const rows = phase.kind === "edit" ? parseBulk(text, viewerLevel) : phase.rows;
  const valid = rows.filter((r) => !r.error);
  const lookup = usePendingInvites(organizationId, valid.map((r) => r.target_email));
  const pendingOf = (row: BulkRow) => (row.error ? undefined : lookup.pending.get(canonicalEmail(row.target_email) ?? ""));
  const resends = (row: BulkRow) => pendingOf(row) !== undefined && !replacing.has(row.target_email);
  const problem = batchProblem(valid.length);
  const skipped = rows.length - valid.length;

  function edit(next: string) {
    setText(next);
    setPhase({ kind: "edit" });
  }

  async function send() {
    if ((await lookup.confirm()) === "look") return;
    const sent = valid;
    const toResend = sent.filter(resends);
    const toCreate = sent.filter((row) => !resends(row));
    setPhase({ kind: "sending", rows: sent });
    const created = toCreate.length > 0 ? await bulkCreateInvitesAction(organizationId, toCreate.map(({ target_email, level, first_name }) => ({ target_email, level, first_name }))) : { ok: true as const, data: [] };
    if (!created.ok) {
      const index = erroredIndex(created.error.attr);
      setPhase({ kind: "failed", rows: sent, detail: created.error.detail, index: index === null ? null : sent.indexOf(toCreate[index]) });
      return;
    }
    const outcomes = new Map<BulkRow, RowState>(toCreate.map((row, i) => [row, delivered((created.data as Invite[])[i])]));
    for (const row of toResend) {
      const result = await resendInviteAction(organizationId, { id: (pendingOf(row) as Invite).id });
      outcomes.set(row, result.ok ? { tone: result.data.emailing_attempt_made ? "ok" : "warn", text: result.data.emailing_attempt_made ? "Sent again" : "Kept, no email" } : { tone: "danger", text: result.error.detail });
    }
    const resent = toResend.filter((row) => outcomes.get(row)?.tone !== "danger").length;
    setPhase({ kind: "done", rows: sent, outcomes: sent.map((row) => outcomes.get(row) as RowState), created: toCreate.length, resent });
    setText("");
    setReplacing(new Set());
    toast(bulkMessage(toCreate.length, resent, emailConfigured));
    void refresh();
  }

  function stateOf(row: BulkRow, index: number): RowState {
    if (row.error) return { tone: "danger", text: row.error };
    if (phase.kind === "sending") return { tone: "accent", text: "Sending…" };
    if (phase.kind === "failed") return index === phase.index ? { tone: "danger", text: phase.detail } : { tone: "neutral", text: "Not sent" };
    if (phase.kind === "done") return phase.outcomes[index];
    if (pendingOf(row)) return { tone: "warn", text: resends(row) ? "Already invited: will resend" : "Already invited: will replace" };
    return { tone: "neutral", text: "Ready" };
  }

  function choiceOf(row: BulkRow): RowChoice | null {
    const invite = phase.kind === "edit" ? pendingOf(row) : undefined;
    if (!invite) return null;
    return {
      invite,
      value: resends(row) ? "resend" : "replace",
      onChange: (value) =>
        setReplacing((current) => {
          const next = new Set(current);
          if (value === "replace") next.add(row.target_email);
          else next.delete(row.target_email);
          return next;
        }),
    };
  }

  const failure = phase.kind === "failed" ? `Nobody was invited. ${phase.index !== null ? `Line ${phase.rows[phase.index]?.line}: ` : ""}${phase.detail}` : undefined;
  return (
    <DialogForm
      form={{ formRef, errors: failure ? { form: failure } : {}, pending: phase.kind === "sending" }}
      onSubmit={() => void send()}
      onCancel={onCancel}
      canSubmit={phase.kind !== "done" && problem === null}
      submitLabel={phase.kind !== "done" && valid.length > 0 ? `Invite ${valid.length} ${valid.length === 1 ? "person" : "people"}` : "Invite these people"}
    >
      <p className="text-muted">
        Up to {MAX_BULK_INVITES} at once, as members unless a CSV line says otherwise. New invitations are all or nothing: if one address is refused, nobody is invited.
      </p>
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
      {!emailConfigured && <p className="text-muted">{NO_EMAIL_NOTE}</p>}
      {rows.length > 0 && <BulkPreview rows={rows} stateOf={stateOf} choiceOf={choiceOf} />}
      {phase.kind === "edit" && rows.length > 0 && (
        <p className="text-muted">
          {problem ?? `${valid.length} ready.`}
          {skipped > 0 && ` ${skipped} ${skipped === 1 ? "row has a problem and is" : "rows have problems and are"} left out: fix ${skipped === 1 ? "it" : "them"} above to include ${skipped === 1 ? "it" : "them"}.`}
        </p>
      )}
      <BulkProgress phase={phase} onAgain={() => setPhase({ kind: "edit" })} />
    </DialogForm>
  );
}
