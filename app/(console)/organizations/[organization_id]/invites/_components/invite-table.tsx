"use client";

import { LEVEL_NAMES } from "@/lib/auth/permissions";
import type { Invite } from "@/lib/query/types";
import { INVITE_DAYS_VALIDITY } from "@/lib/schemas/invites";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { displayName } from "@/components/shell/display-name";

/** `managesAll`: may copy the link of anyone's invitation and revoke it (others copy their own invitations' links). */
export type InvitePermissions = { uuid: string; managesAll: boolean; canInvite: boolean };
type Handlers = { onCopy: (i: Invite) => void; onResend: (i: Invite) => void; onInviteAgain: (i: Invite) => void; onRevoke: (i: Invite) => void };
type Props = Handlers & { invites: Invite[]; viewer: InvitePermissions; busy: boolean };

const expiry = (invite: Invite) => new Date(new Date(invite.created_at).getTime() + INVITE_DAYS_VALIDITY * 86_400_000).toISOString();

function Actions({ invite, viewer, onCopy, onResend, onInviteAgain, onRevoke }: Handlers & { invite: Invite; viewer: InvitePermissions }) {
  const who = <span className="sr-only"> for {invite.target_email}</span>;
  const mine = invite.created_by?.uuid === viewer.uuid;
  return (
    <div className="flex justify-end gap-1.5 whitespace-nowrap">
      {!invite.is_expired && (viewer.managesAll || mine) && (
        <Button size="sm" onClick={() => onCopy(invite)}>Copy link{who}</Button>
      )}
      {viewer.canInvite && !invite.is_expired && (
        <Button size="sm" onClick={() => onResend(invite)}>Resend{who}</Button>
      )}
      {viewer.canInvite && invite.is_expired && (
        <Button size="sm" onClick={() => onInviteAgain(invite)}>Invite again{who}</Button>
      )}
      {viewer.managesAll && (
        <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => onRevoke(invite)}>Revoke{who}</Button>
      )}
    </div>
  );
}

/** Pending and expired invitations: who, at which level, by whom, until when, and what can be done with each. */
export function InviteTable({ invites, viewer, busy, ...handlers }: Props) {
  return (
    <div className="rounded-lg border border-line bg-surface">
      <table aria-busy={busy} className="w-full text-left">
        <caption className="sr-only">Pending and expired invitations</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Invited</th>
            <th scope="col" className="px-4 py-2 font-medium">Level</th>
            <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">Invited by</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {invites.map((invite) => (
            <tr key={invite.id}>
              <td className="px-4 py-2.5">
                <span className="block font-medium break-all">{invite.target_email}</span>
                {invite.first_name && <span className="block text-xs text-muted">{invite.first_name}</span>}
              </td>
              <td className="px-4 py-2.5">{LEVEL_NAMES[invite.level]}</td>
              <td className="hidden px-4 py-2.5 md:table-cell">
                {invite.created_by ? displayName(invite.created_by) : <span className="text-muted">Someone who left</span>}
                <span className="block text-xs text-muted"><Time iso={invite.created_at} /></span>
              </td>
              <td className="px-4 py-2.5">
                {invite.is_expired ? <Badge tone="danger">Expired</Badge> : <Badge tone="accent">Pending</Badge>}
                <span className="block text-xs text-muted">
                  {invite.is_expired ? "Expired " : "Expires "}
                  <Time iso={expiry(invite)} />
                  {!invite.emailing_attempt_made && " · no email"}
                </span>
              </td>
              <td className="px-4 py-2.5">
                <Actions invite={invite} viewer={viewer} {...handlers} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
