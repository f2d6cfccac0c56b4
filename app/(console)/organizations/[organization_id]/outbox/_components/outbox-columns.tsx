"use client";

import type { OutboxEmail } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { Email } from "@/components/ui/email";
import { Time } from "@/components/ui/time";
import { StatusBadge } from "./status";

const KINDS: Record<string, string> = { invite: "Invitation", invite_delegation: "Setup delegation" };

/** The emails, newest first: subject (opens the viewer), recipient, kind, status and attempts. */
export const OUTBOX_COLUMNS = (onOpen: (email: OutboxEmail) => void): Column<OutboxEmail>[] => [
  {
    id: "subject",
    header: "Subject",
    cell: (email) => (
      <>
        <button type="button" onClick={() => onOpen(email)} className="text-left font-medium text-accent-text hover:underline">
          {email.subject}
        </button>
        <span className="block text-xs text-muted">
          {KINDS[email.kind] ?? email.kind}
          <span className="md:hidden"> · {email.to}</span>
        </span>
      </>
    ),
  },
  { id: "to", header: "To", from: "md", cell: (email) => <Email address={email.to} /> },
  {
    id: "status",
    header: "Status",
    cell: (email) => (
      <>
        <StatusBadge status={email.status} />
        {email.link_works === false && <span className="block text-xs text-muted">Link no longer works</span>}
      </>
    ),
  },
  { id: "attempts", header: "Attempts", from: "sm", cell: (email) => email.attempts.length },
  { id: "created", header: "Created", nowrap: true, cell: (email) => <Time iso={email.created_at} /> },
];
