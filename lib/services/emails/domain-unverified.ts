import { escapeHtml } from "./html";

type DomainUnverifiedEmail = { organizationName: string; domain: string; record: string; challenge: string; missingDays: number; domainsUrl: string };

/** To an organization's admins: a verified domain lost its verification because its DNS record has been gone for days. */
export function renderDomainUnverifiedEmail(e: DomainUnverifiedEmail) {
  const subject = `${e.domain} is no longer verified for ${e.organizationName}`;
  const lines = [
    `The DNS record that proves ${e.domain} belongs to ${e.organizationName} has been missing for ${e.missingDays} days, so Orgdeck no longer treats the domain as verified.`,
    "Until it is verified again, people of this domain are not added automatically (JIT) and single sign-on is not required for them.",
    "",
    `To verify it again, add this TXT record and press Verify on the domain's page:`,
    `  ${e.record}  TXT  "${e.challenge}"`,
    "",
    e.domainsUrl,
  ];
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#18181b">
<table role="presentation" style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px"><tr><td>
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(subject)}</h1>
<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(lines[0])}</p>
<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(lines[1])}</p>
<p style="margin:0 0 8px;line-height:1.5">${escapeHtml(lines[3])}</p>
<pre style="margin:0 0 16px;padding:12px;background:#f4f4f5;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(`${e.record}  TXT  "${e.challenge}"`)}</pre>
<p style="margin:0;font-size:13px;overflow-wrap:anywhere"><a href="${escapeHtml(e.domainsUrl)}">${escapeHtml(e.domainsUrl)}</a></p>
</td></tr></table></body></html>`;
  return { subject, text: lines.join("\n"), html };
}
