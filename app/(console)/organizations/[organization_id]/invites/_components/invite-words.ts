import { endSentence } from "@/lib/format/sentence";
import { formatDay } from "@/lib/format/time";

/** Beside "Send the invitation by email" when the server has no mail transport. */
export const NO_EMAIL_NOTE = "Email isn't set up on this server: the invitation waits in the Outbox, or copy its link.";

const NOT_SET_UP = "Email isn't set up: copy its link from the Invites list or find it in the Outbox.";

/** Whether an email went out, and if not, why: the person chose not to send one, or the server cannot. */
export type Delivery = { emailed: boolean; emailConfigured: boolean };

/** The toast once one invitation exists. */
export function invitedMessage(email: string, { emailed, emailConfigured }: Delivery) {
  if (emailed) return endSentence(`Invitation sent to ${email}`);
  if (!emailConfigured) return `${endSentence(`Invitation created for ${email}`)} ${NOT_SET_UP}`;
  return `Invitation created for ${email}, without an email: copy its link from the Invites list to share it.`;
}

/** The toast after resending: the same link, in a new email when the server can send one. */
export function resentMessage(email: string, { emailed, emailConfigured }: Delivery) {
  if (emailed) return `Invitation sent to ${email} again. Their link stays the same.`;
  if (!emailConfigured) return `Email isn't set up, so nothing was sent to ${email}: copy their link from the Invites list or find it in the Outbox.`;
  return `Nothing was sent to ${email}: copy their link from the Invites list instead.`;
}

/** The toast after a bulk invitation: how many were invited and resent, and whether email went out. */
export function bulkMessage(invited: number, resent: number, emailConfigured: boolean) {
  const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  const parts = [invited > 0 && `invited ${people(invited)}`, resent > 0 && `sent ${resent === 1 ? "1 invitation" : `${resent} invitations`} again`].filter(Boolean);
  const done = parts.join(" and ");
  const sentence = `${done.charAt(0).toUpperCase()}${done.slice(1)}.`;
  return emailConfigured ? sentence : `${sentence} Email isn't set up: copy their links from the Invites list or find them in the Outbox.`;
}

/** The toast after asking someone to finish setting up the organization. */
export function delegatedMessage(email: string, organizationName: string, { emailed, emailConfigured }: Delivery) {
  if (emailed) return endSentence(`Asked ${email} to finish setting up ${organizationName}`);
  if (!emailConfigured) return `${endSentence(`Setup invitation created for ${email}`)} ${NOT_SET_UP}`;
  return `Setup invitation created for ${email}, without an email: copy its link from the Invites list to share it.`;
}

/** The mark on an address that already has a pending invitation ("ada@x.test was already invited on …"). */
export const alreadyInvited = (who: string, createdAt: string) => `${who} was already invited on ${formatDay(createdAt)} — inviting again replaces the link they have.`;
