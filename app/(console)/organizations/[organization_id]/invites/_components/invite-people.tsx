import { emailConfigured } from "@/lib/adapters";
import { inviteAccess, type InvitingOrganization } from "./invite-access";
import { InvitePeopleButton } from "./invite-people-button";

/**
 * The "Invite people" action of a page header (Invites, Members): the button and its dialog where the viewer may
 * invite, otherwise the reason they may not. Whether this server can send email is passed on as a yes or no.
 */
export function InvitePeople({ organization }: { organization: InvitingOrganization }) {
  const access = inviteAccess(organization);
  if (!access.canInvite || organization.membership_level === null) return <p className="max-w-xs text-muted">{access.denial}</p>;
  return (
    <InvitePeopleButton
      organization={{ id: organization.id, name: organization.name }}
      viewerLevel={organization.membership_level}
      canDelegate={access.canDelegate}
      emailConfigured={emailConfigured()}
    />
  );
}
