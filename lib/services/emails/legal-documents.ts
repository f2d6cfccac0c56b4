import { escapeHtml } from "./html";

const dateText = (d: Date) => d.toUTCString().replace(/:\d\d GMT$/, " UTC");

const page = (body: string) => `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#18181b">
<table role="presentation" style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px"><tr><td>
${body}
</td></tr></table></body></html>`;

type SigningEmail = { documentTitle: string; companyName: string; requesterName: string | null; signUrl: string; expiresAt: Date };

/** To a document's representative: the link to read and sign it, and until when the link works. */
export function renderSigningRequestEmail(e: SigningEmail) {
  const subject = `Please sign: ${e.documentTitle} for ${e.companyName}`;
  const intro = `${e.requesterName ?? "Someone"} asked you to review and sign the ${e.documentTitle} for ${e.companyName}.`;
  const text = [
    intro,
    "",
    `Read and sign it here: ${e.signUrl}`,
    "",
    `This link works until ${dateText(e.expiresAt)} and only until the document is signed. If you were not expecting it, you can ignore this email.`,
  ].join("\n");
  const html = page(`<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(subject)}</h1>
<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(intro)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(e.signUrl)}" style="background:#4f46e5;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">Review and sign</a></p>
<p style="margin:0 0 8px;font-size:13px;color:#52525b;overflow-wrap:anywhere;word-break:break-all">Or open this link: ${escapeHtml(e.signUrl)}</p>
<p style="margin:16px 0 0;font-size:13px;color:#52525b">This link works until ${escapeHtml(dateText(e.expiresAt))} and only until the document is signed. If you were not expecting it, you can ignore this email.</p>`);
  return { subject, text, html };
}

type BaaSignedEmail = { organizationName: string; settingsUrl: string };

/** To an organization's owners: a BAA was signed, so AI data processing was turned off for the organization. */
export function renderBaaSignedEmail(e: BaaSignedEmail) {
  const subject = `A Business Associate Agreement was signed for ${e.organizationName}`;
  const lines = [
    `A Business Associate Agreement (BAA) was signed for ${e.organizationName}.`,
    "As the agreement requires, AI data processing is now turned off for the organization. An owner can review this in the organization's settings.",
    "",
    e.settingsUrl,
  ];
  const html = page(`<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(subject)}</h1>
<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(lines[0])}</p>
<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(lines[1])}</p>
<p style="margin:0;font-size:13px;overflow-wrap:anywhere"><a href="${escapeHtml(e.settingsUrl)}">${escapeHtml(e.settingsUrl)}</a></p>`);
  return { subject, text: lines.join("\n"), html };
}
