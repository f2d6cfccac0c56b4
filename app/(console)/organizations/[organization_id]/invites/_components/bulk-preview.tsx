"use client";

import { LEVEL_NAMES } from "@/lib/auth/permissions";
import { Badge } from "@/components/ui/badge";
import type { BulkRow } from "./bulk-parse";

/** Where each row stands: a problem found before sending, ready, on its way, invited, or the row the server refused. */
export type RowState = { tone: "neutral" | "accent" | "ok" | "warn" | "danger"; text: string };

/** The rows of a bulk invitation with their state, checked before anything is sent. */
export function BulkPreview({ rows, stateOf }: { rows: BulkRow[]; stateOf: (row: BulkRow, index: number) => RowState }) {
  return (
    <div className="max-h-96 overflow-y-auto rounded-md border border-line">
      <table className="w-full text-left">
        <caption className="sr-only">People to invite, with what is wrong with each row</caption>
        <thead className="sticky top-0 border-b border-line bg-surface text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">Line</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Email address</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Level</th>
            <th scope="col" className="px-3 py-1.5 font-medium">First name</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row, i) => {
            const state = stateOf(row, i);
            return (
              <tr key={`${row.line}-${i}`}>
                <td className="px-3 py-1.5 text-muted">{row.line}</td>
                <td className="px-3 py-1.5 break-all">{row.target_email || <span className="text-muted">empty</span>}</td>
                <td className="px-3 py-1.5">{LEVEL_NAMES[row.level]}</td>
                <td className="px-3 py-1.5">{row.first_name}</td>
                <td className="px-3 py-1.5">
                  <Badge tone={state.tone}>{state.text}</Badge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
