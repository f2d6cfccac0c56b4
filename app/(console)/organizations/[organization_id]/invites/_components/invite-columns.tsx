"use client";

import { LEVEL_NAMES } from "@/lib/auth/permissions";
import type { Invite } from "@/lib/query/types";
import { INVITE_DAYS_VALIDITY } from "@/lib/schemas/invites";
import type { Column } from "@/components/data/data-table";
import { Badge } from "@/components/ui/badge";
import { Email } from "@/components/ui/email";
import { Time } from "@/components/ui/time";
import { displayName } from "@/components/shell/display-name";

const expiry = (invite: Invite) => new Date(new Date(invite.created_at).getTime() + INVITE_DAYS_VALIDITY * 86_400_000).toISOString();

/** Pending and expired invitations: who, at which level, by whom, and until when. */
export const INVITE_COLUMNS: Column<Invite>[] = [
  {
    id: "invited",
    header: "Invited",
    cell: (invite) => (
      <>
        <span className="block font-medium">
          <Email address={invite.target_email} />
        </span>
        {invite.first_name && <span className="block text-xs text-muted">{invite.first_name}</span>}
      </>
    ),
  },
  { id: "level", header: "Level", cell: (invite) => LEVEL_NAMES[invite.level] },
  {
    id: "by",
    header: "Invited by",
    from: "md",
    cell: (invite) => (
      <>
        {invite.created_by ? displayName(invite.created_by) : <span className="text-muted">Someone who left</span>}
        <span className="block text-xs text-muted">
          <Time iso={invite.created_at} />
        </span>
      </>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: (invite) => (
      <>
        {invite.is_expired ? <Badge tone="danger">Expired</Badge> : <Badge tone="accent">Pending</Badge>}
        <span className="block text-xs text-muted">
          {invite.is_expired ? "Expired " : "Expires "}
          <Time iso={expiry(invite)} />
          {!invite.emailing_attempt_made && " · no email"}
        </span>
      </>
    ),
  },
];
