"use client";

import type { OutboxEmail } from "@/lib/query/types";
import { Time } from "@/components/ui/time";
import { StatusBadge } from "./status";

const KINDS: Record<string, string> = { invite: "Invitation", invite_delegation: "Setup delegation" };

/** The emails, newest first: subject (opens the viewer), recipient, kind, status and attempts. */
export function OutboxTable({ emails, busy, onOpen }: { emails: OutboxEmail[]; busy: boolean; onOpen: (email: OutboxEmail) => void }) {
  return (
    <div className="rounded-lg border border-line bg-surface">
      <table aria-busy={busy} className="w-full text-left">
        <caption className="sr-only">Emails of this organization</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Subject</th>
            <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">To</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Attempts</th>
            <th scope="col" className="px-4 py-2 font-medium">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {emails.map((email) => (
            <tr key={email.id}>
              <td className="px-4 py-2.5">
                <button type="button" onClick={() => onOpen(email)} className="text-left font-medium text-accent-text hover:underline">
                  {email.subject}
                </button>
                <span className="block text-xs text-muted">
                  {KINDS[email.kind] ?? email.kind}
                  <span className="md:hidden"> · {email.to}</span>
                </span>
              </td>
              <td className="hidden px-4 py-2.5 break-all md:table-cell">{email.to}</td>
              <td className="px-4 py-2.5"><StatusBadge status={email.status} /></td>
              <td className="hidden px-4 py-2.5 sm:table-cell">{email.attempts.length}</td>
              <td className="px-4 py-2.5 whitespace-nowrap"><Time iso={email.created_at} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
