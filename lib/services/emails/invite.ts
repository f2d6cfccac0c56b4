import { LEVEL_LABELS, type Level } from "../../auth/permissions";
import { organizationInitials } from "../../format/organization-initials";
import { escapeHtml } from "./html";

type InviteEmail = {
  organizationName: string;
  inviterName: string;
  inviterEmail: string;
  level: Level;
  message: string | null;
  acceptUrl: string;
  expiresAt: Date;
  delegation: boolean;
  /** The organization's logo as an absolute URL readable without a session (a signed media link), or null. */
  logoUrl?: string | null;
};


const dateText = (d: Date) => d.toUTCString().replace(/:\d\d GMT$/, " UTC");

/** The organization's logo at the top of the email, or its initials in a tile without one. */
function logoHtml(name: string, logoUrl: string | null | undefined) {
  if (logoUrl) {
    return `<img src="${escapeHtml(logoUrl)}" width="48" height="48" alt="${escapeHtml(name)} logo" style="display:block;width:48px;height:48px;object-fit:contain;border-radius:6px;margin:0 0 16px">`;
  }
  return `<div aria-hidden="true" style="width:48px;height:48px;border-radius:6px;background:#4f46e5;color:#ffffff;font-size:18px;font-weight:600;line-height:48px;text-align:center;margin:0 0 16px">${escapeHtml(organizationInitials(name))}</div>`;
}

/** The invitation email: the organization's logo, inviter, organization, message, accept link and expiry, as HTML and plain text. */
export function renderInviteEmail(e: InviteEmail) {
  const role = LEVEL_LABELS[e.level];
  const subject = e.delegation
    ? `${e.inviterName} asked you to set up ${e.organizationName} on Orgdeck`
    : `${e.inviterName} invited you to join ${e.organizationName} on Orgdeck`;
  const intro = e.delegation
    ? `${e.inviterName} (${e.inviterEmail}) asked you to finish setting up ${e.organizationName} on Orgdeck, as an ${role}.`
    : `${e.inviterName} (${e.inviterEmail}) invited you to join ${e.organizationName} on Orgdeck as ${role === "administrator" || role === "owner" ? "an" : "a"} ${role}.`;
  const text = [
    intro,
    ...(e.message ? ["", `Message from ${e.inviterName}:`, e.message] : []),
    "",
    `Accept the invitation: ${e.acceptUrl}`,
    "",
    `This invitation expires on ${dateText(e.expiresAt)}. If you were not expecting it, you can ignore this email.`,
  ].join("\n");
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#18181b">
<table role="presentation" style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px"><tr><td>
${logoHtml(e.organizationName, e.logoUrl)}
<p style="margin:0 0 8px;font-size:13px;color:#52525b">Orgdeck</p>
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(subject)}</h1>
<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(intro)}</p>
${e.message ? `<blockquote style="margin:0 0 16px;padding:12px 16px;border-left:3px solid #4f46e5;background:#f4f4f5;white-space:pre-wrap">${escapeHtml(e.message)}</blockquote>` : ""}
<p style="margin:24px 0"><a href="${escapeHtml(e.acceptUrl)}" style="background:#4f46e5;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">Accept the invitation</a></p>
<p style="margin:0 0 8px;font-size:13px;color:#52525b;overflow-wrap:anywhere;word-break:break-all">Or open this link: ${escapeHtml(e.acceptUrl)}</p>
<p style="margin:16px 0 0;font-size:13px;color:#52525b">This invitation expires on ${escapeHtml(dateText(e.expiresAt))}. If you were not expecting it, you can ignore this email.</p>
</td></tr></table></body></html>`;
  return { subject, text, html };
}
