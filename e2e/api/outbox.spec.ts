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
