import { expect, test } from "./recording";
import { bearer, uniqueEmail } from "../support/cli";
import { startSecondServer } from "../support/second-server";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp";
import { E, expectError, expectOk } from "./helpers";
import { documentBody, organizationOn, type SecondServer } from "./legal-documents-server";

/**
 * Local e-signature end to end over plain HTTP, on a second server (port 3944) whose SMTP_URL is this spec's own mail
 * catcher: the signing email as it arrives, its link, the signature posted as a form, the PDF stored and downloaded.
 */
test.describe.configure({ mode: "serial" });

let server: SecondServer;
let catcher: SmtpCatcher;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  catcher = await startSmtpCatcher();
  server = await startSecondServer({ port: Number(process.env.E2E_LEGAL_SIGNING_PORT ?? 3944), env: { SMTP_URL: catcher.url, TRUSTED_PROXIES: "1" } });
});
test.afterAll(async () => {
  server?.stop();
  await catcher?.stop();
});

const docs = (orgId: string, rest = "") => `${server.baseURL}/api/organizations/${orgId}/legal_documents/${rest}`;
const linkIn = (text: string) => text.match(/https?:\/\/\S+\/legal\/sign\/[\w-]+/)?.[0] ?? null;

async function signingEmail(to: string, skip = 0) {
  await expect.poll(() => catcher.to(to).length, { timeout: 20_000 }).toBeGreaterThan(skip);
  return catcher.to(to)[skip];
}

test.describe("local e-signature over HTTP", () => {
  test("the emailed link signs once as Łukasz Żółć; the PDF is stored, then downloads through a 60-second link", async ({ request }) => {
    test.setTimeout(60_000);
    const { org, key, cookie } = await organizationOn(server);
    const representative = uniqueEmail("rep");
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("DPA", representative) }), 201);
    const mail = await signingEmail(representative);
    expect(mail.subject).toContain("Data Processing Agreement");
    const link = linkIn(mail.text);
    expect(link).toMatch(new RegExp(`^${server.baseURL}/legal/sign/[\\w-]{64}$`));

    const page = await request.get(link!);
    expect(page.status()).toBe(200);
    const html = await page.text();
    expect(html).toContain("Data Processing Agreement");
    expect(html).toContain("Żabka Łódź Sp. z o.o.");
    expect(html).toContain(`${new URL(link!).pathname}/submit`);

    const token = link!.split("/").pop()!;
    const tampered = `${server.baseURL}/legal/sign/${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const form = { full_name: "Łukasz Żółć", title: "Prezes Zarządu", consent: "on" };
    const refused = await request.post(`${tampered}/submit`, { form, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("This signing link is not valid.");
    expect(await (await request.get(tampered)).text()).toContain("This signing link is not valid");

    const incomplete = await request.post(`${link}/submit`, { form: { full_name: "Łukasz Żółć", title: "Prezes Zarządu" }, maxRedirects: 0 });
    expect(incomplete.status()).toBe(303);
    expect(incomplete.headers().location).toBe(`${link}?error=consent`);
    expect((await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }))).status).toBe("submitted_for_signature");

    const signed = await request.post(`${link}/submit`, { form, maxRedirects: 0, headers: { "X-Forwarded-For": "203.0.113.7", "User-Agent": "legal-spec/1.0" } });
    expect(signed.status()).toBe(303);
    expect(signed.headers().location).toBe(link);
    expect((await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }))).status).toBe("signed");
    expect(await (await request.get(link!)).text()).toContain("This document is signed");
    const again = await request.post(`${link}/submit`, { form, maxRedirects: 0 });
    expect(again.status()).toBe(403);
    expect(await again.text()).toContain("This document has already been signed.");

    let download = await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 });
    if (download.status() === 404) {
      await expectError(download, 404, E.notFound);
      await expect.poll(async () => (download = await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 })).status(), { timeout: 20_000 }).toBe(302);
    }
    expect(download.status()).toBe(302);
    expect(download.headers()["cache-control"]).toBe("no-store");
    const location = download.headers().location;
    expect(location).toContain(`${server.baseURL}/api/storage/legal_documents/${org.id}/${doc.id}.pdf?`);
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const forged = await fetch(location.replace(/signature=[^&]+/, "signature=0000"));
    expect(forged.status).toBe(403);

    await expectError(await request.post(docs(org.id, `${doc.id}/resend/`), { headers: bearer(key) }), 400, E.invalid("This document is already signed.", null));
    await expectError(
      await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(key) }),
      403,
      E.denied("Signed documents can't be deleted from the UI. Contact support if you need to remove a signed record."),
    );
    const log = await expectOk(await request.get(`${server.baseURL}/api/organizations/${org.id}/activity_log/?scope=LegalDocument`, { headers: bearer(key) }));
    const signedEntry = log.results.find((e: { activity: string }) => e.activity === "signed");
    expect(signedEntry.detail.address).toBe("203.0.113.7");
    expect(signedEntry.detail.name).toContain("Łukasz Żółć");
  });

  test("resend carries the same link; deleting the unsigned document kills it and frees the type", async ({ request }) => {
    const { org, key } = await organizationOn(server);
    const representative = uniqueEmail("rep");
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("DPA", representative) }), 201);
    const first = await signingEmail(representative);
    const resent = await expectOk(await request.post(docs(org.id, `${doc.id}/resend/`), { headers: bearer(key) }));
    expect(resent).toEqual(doc);
    const second = await signingEmail(representative, 1);
    expect(second.messageId).not.toBe(first.messageId);
    expect(linkIn(second.text)).toBe(linkIn(first.text));

    await expectOk(await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(key) }), 204);
    const dead = await request.post(`${linkIn(first.text)}/submit`, { form: { full_name: "A B", title: "CEO", consent: "on" }, maxRedirects: 0 });
    expect(dead.status()).toBe(403);
    await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("DPA", representative) }), 201);
  });

  test("a signed BAA turns the organization's AI data processing off and tells the owners", async ({ request }) => {
    test.setTimeout(60_000);
    const { org, owner, key } = await organizationOn(server);
    await expectOk(await request.patch(`${server.baseURL}/api/organizations/${org.id}/`, { headers: bearer(key), data: { is_ai_data_processing_approved: true } }));
    const representative = uniqueEmail("rep");
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("BAA", representative) }), 201);
    const link = linkIn((await signingEmail(representative)).text);
    const signed = await request.post(`${link}/submit`, { form: { full_name: "Łukasz Żółć", title: "CEO", consent: "on" }, maxRedirects: 0 });
    expect(signed.status()).toBe(303);
    expect((await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }))).status).toBe("signed");
    const organization = await expectOk(await request.get(`${server.baseURL}/api/organizations/${org.id}/`, { headers: bearer(key) }));
    expect(organization.is_ai_data_processing_approved).toBe(false);
    const notice = await catcher.waitFor((m) => m.envelopeTo.includes(owner.email) && m.subject.includes("Business Associate Agreement"), 20_000);
    expect(notice.text).toContain("AI data processing is now turned off");
  });
});
