import { expect, test } from "./recording";
import { bearer, makeOrganization, makeSession, uniqueEmail } from "../support/cli";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp";
import { expectOk } from "./helpers";

/**
 * The test server sends mail to SMTP_URL smtp://127.0.0.1:3125 (playwright.config.ts). This is the only spec that
 * listens there, and it runs serially, so no two workers fight over the port. Other specs' invitations may arrive here
 * too (the server retries them), so every assertion picks its own recipient.
 */
test.describe.configure({ mode: "serial" });

const outbox = (orgId: string) => `/api/organizations/${orgId}/outbox/`;
const FROM = "Orgdeck <orgdeck@example.test>";

let catcher: SmtpCatcher;
test.beforeAll(async () => {
  catcher = await startSmtpCatcher(3125);
});
test.afterAll(async () => {
  await catcher?.stop();
});

type OutboxEntry = { id: string; to: string; status: string; message_id: string; attempts: Array<{ outcome: string }> };

test.describe("the mail worker delivers invitations", () => {
  test("the email leaves with the outbox's Message-ID, From, To and Reply-To; the outbox records it as sent", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const email = uniqueEmail("delivered");
    const invite = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: email, message: "See you there" } }), 201);
    expect(invite.emailing_attempt_made).toBe(true);
    const mail = await catcher.waitFor((m) => m.envelopeTo.includes(email), 15_000);
    expect(mail.from).toBe(FROM);
    expect(mail.to).toBe(email);
    expect(mail.replyTo).toBe(owner.email);
    expect(mail.subject).toBe(`${owner.first_name} invited you to join ${org.name} on Orgdeck`);
    expect(mail.text).toContain("See you there");
    expect(mail.text).toMatch(/\/invites\/[\w-]{60,}/);

    const cookie = { Cookie: await makeSession(owner.email) };
    const entry = async () => (await expectOk(await request.get(outbox(org.id), { headers: cookie }))).results.find((e: OutboxEntry) => e.to === email) as OutboxEntry;
    await expect.poll(async () => (await entry()).status, { timeout: 10_000 }).toBe("sent");
    const sent = await entry();
    expect(sent.message_id).toBe(mail.messageId);
    expect(sent.attempts.map((a) => a.outcome)).toEqual(["sent"]);
    expect(catcher.to(email)).toHaveLength(1);
  });

  test("resend delivers a second email with the same accept link and a new Message-ID", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const email = uniqueEmail("resent");
    const invite = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: email } }), 201);
    const first = await catcher.waitFor((m) => m.envelopeTo.includes(email), 15_000);
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/${invite.id}/resend/`, { headers: bearer(ownerKey) }));
    const second = await catcher.waitFor((m) => m.envelopeTo.includes(email) && m.messageId !== first.messageId, 15_000);
    const link = (text: string) => text.match(/https?:\/\/\S+\/invites\/[\w-]+/)?.[0];
    expect(link(first.text)).toBeTruthy();
    expect(link(second.text)).toBe(link(first.text));
  });
});

test.describe("mail that went stale before it could be sent", () => {
  test("a revoked, replaced or deleted organization's invitation never arrives; the outbox says why", async ({ request }) => {
    test.setTimeout(90_000);
    const { org, owner, ownerKey } = await makeOrganization();
    const doomed = await makeOrganization();
    const cookie = { Cookie: await makeSession(owner.email) };
    const [revoked, replaced, kept, orgless] = ["revoked", "replaced", "kept", "orgless"].map((n) => uniqueEmail(n));
    const invite = async (key: string, orgId: string, data: Record<string, unknown>) =>
      expectOk(await request.post(`/api/organizations/${orgId}/invites/`, { headers: bearer(key), data }), 201);
    // With the mail server down nothing can be delivered before the invitations change; after it is back, retries run.
    await catcher.stop();
    try {
      const gone = await invite(ownerKey, org.id, { target_email: revoked });
      const older = await invite(ownerKey, org.id, { target_email: replaced, message: "first" });
      await invite(ownerKey, org.id, { target_email: kept });
      await invite(doomed.ownerKey, doomed.org.id, { target_email: orgless });
      await expectOk(await request.delete(`/api/organizations/${org.id}/invites/${gone.id}/`, { headers: bearer(ownerKey) }), 204);
      const newer = await invite(ownerKey, org.id, { target_email: replaced, message: "second" });
      expect(newer.id).not.toBe(older.id);
      await expectOk(await request.delete(`/api/organizations/${doomed.org.id}/`, { headers: bearer(doomed.ownerKey) }), 204);
    } finally {
      catcher = await startSmtpCatcher(3125);
    }
    await catcher.waitFor((m) => m.envelopeTo.includes(kept), 60_000);
    const second = await catcher.waitFor((m) => m.envelopeTo.includes(replaced), 30_000);
    expect(second.text).toContain("second");

    const entries = async () => (await expectOk(await request.get(outbox(org.id), { headers: cookie }))).results as Array<OutboxEntry & { last_error: string | null; text: string }>;
    await expect.poll(async () => (await entries()).find((e) => e.to === revoked)?.status, { timeout: 20_000 }).toBe("cancelled");
    const all = await entries();
    expect(all.find((e) => e.to === revoked)?.last_error).toBe("The invitation was revoked before the message was sent.");
    const replacedEntries = all.filter((e) => e.to === replaced).map((e) => [e.status, e.last_error, e.text.includes("first")]);
    expect(replacedEntries).toContainEqual(["cancelled", "The invitation was replaced by a newer one before the message was sent.", true]);
    const cancelled = await expectOk(await request.get(`${outbox(org.id)}?status=cancelled`, { headers: cookie }));
    expect(cancelled.results.map((e: OutboxEntry) => e.to).sort()).toEqual([revoked, replaced].sort());
    // The deleted organization's message was due in the same retry round as the others.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(catcher.to(revoked)).toHaveLength(0);
    expect(catcher.to(orgless)).toHaveLength(0);
    expect(catcher.to(replaced)).toHaveLength(1);
  });
});
