"use client";

import { LEVEL_NAMES } from "@/lib/auth/permissions";
import type { Invite } from "@/lib/query/types";
import { DataTable, type Column } from "@/components/data/data-table";
import { Badge } from "@/components/ui/badge";
import { Email } from "@/components/ui/email";
import type { BulkRow } from "./bulk-parse";
import { alreadyInvited } from "./invite-words";
import { REINVITE_OPTIONS, type Reinvite } from "./reinvite-choice";

/** Where each row stands: a problem found before sending, ready, on its way, invited, or the row the server refused. */
export type RowState = { tone: "neutral" | "accent" | "ok" | "warn" | "danger"; text: string };

/** A row already invited, while its choice can still change: the pending invitation and what to do about it. */
export type RowChoice = { invite: Invite; value: Reinvite; onChange: (value: Reinvite) => void };

type Item = { row: BulkRow; index: number };
type Props = { rows: BulkRow[]; stateOf: (row: BulkRow, index: number) => RowState; choiceOf: (row: BulkRow, index: number) => RowChoice | null };

function Status({ state, choice }: { state: RowState; choice: RowChoice | null }) {
  return (
    <div className="space-y-1">
      <Badge tone={state.tone}>{state.text}</Badge>
      {choice && (
        <>
          <p className="text-xs text-warn-text">{alreadyInvited("This address", choice.invite.created_at)}</p>
          <select
            aria-label={`What to do for ${choice.invite.target_email}`}
            value={choice.value}
            onChange={(e) => choice.onChange(e.target.value as Reinvite)}
            className="block h-7 rounded-md border border-line-strong bg-canvas px-2 text-xs text-fg"
          >
            {REINVITE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

/** The rows of a bulk invitation with their state, checked before anything is sent. */
export function BulkPreview({ rows, stateOf, choiceOf }: Props) {
  const columns: Column<Item>[] = [
    { id: "line", header: "Line", cell: ({ row }) => <span className="text-muted">{row.line}</span> },
    { id: "email", header: "Email address", cell: ({ row }) => (row.target_email ? <Email address={row.target_email} /> : <span className="text-muted">empty</span>) },
    { id: "level", header: "Level", cell: ({ row }) => LEVEL_NAMES[row.level] },
    { id: "first_name", header: "First name", from: "sm", cell: ({ row }) => row.first_name },
    { id: "status", header: "Status", cell: ({ row, index }) => <Status state={stateOf(row, index)} choice={choiceOf(row, index)} /> },
  ];
  return (
    <DataTable
      caption="People to invite, with what is wrong with each row"
      noun="people"
      columns={columns}
      rows={rows.map((row, index) => ({ row, index }))}
      rowKey={({ row, index }) => `${row.line}-${index}`}
      status={{ state: "ready" }}
    />
  );
}
