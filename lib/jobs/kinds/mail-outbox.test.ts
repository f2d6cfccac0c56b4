import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { emailAttempts, emailOutbox, jobs, organizations } from "../../../db/schema";
import { freePort, startSmtpCatcher, type SmtpCatcher } from "../../../e2e/support/smtp";
import { defaultAdapters } from "../../adapters";
import { mailTransportFor } from "../../adapters/mail";
import { verifyInviteToken } from "../../auth/invite-token";
import type { AuthUser } from "../../auth/principal";
import { getAuthSecret } from "../../services/instance";
import { createInvite } from "../../services/invites";
import { enqueueEmail, listOutbox } from "../../services/outbox";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf, uniqueEmail, unreachableDns, withEnv } from "../../testing/fixtures";
import { nextDelaySeconds } from "../backoff";
import { enqueueJob } from "../enqueue";
import { JobRunner } from "../runner";
import { startJobRunner, stopJobRunner } from "../start";
import { drainOutbox, MAIL_OUTBOX, runMailOutbox } from "./mail-outbox";
import { memoryStorage } from "../../adapters/storage";

const FROM = "Orgdeck <orgdeck@example.test>";
const HOUR = 3_600_000;

async function outboxRow(relatedId: string) {
  const [row] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.relatedId, relatedId));
  return row;
}
const outboxOf = async (as: AuthUser, orgId: string, input: Record<string, unknown> = {}) => (await call(listOutbox, sessionOf(as), input, orgId)).results;

/** Drains with a transport to this SMTP URL, passed in as the runner passes its adapters (no configuration read). */
async function drain(smtpUrl: string, now?: Date) {
  const transport = mailTransportFor(smtpUrl);
  assert.ok(transport);
  return drainOutbox(await getDb(), transport, now);
}

describe("the invitation email over real SMTP", () => {
  let catcher: SmtpCatcher;
  before(async () => {
    catcher = await startSmtpCatcher();
  });
  after(() => catcher.stop());

  test("From, To, Reply-To (the inviter), subject, text and HTML bodies, and the outbox's Message-ID", async () => {
    await withEnv({ SMTP_URL: catcher.url, EMAIL_FROM: FROM }, async () => {
      const { org: created, owner } = await makeOrganization();
      const org = { ...created, name: `<i>Acme & Co</i> ${created.name.slice(4)}` };
      await (await getDb()).update(organizations).set({ name: org.name }).where(eq(organizations.id, org.id));
      const email = uniqueEmail("mailed");
      const message = "Welcome <b>aboard</b> & enjoy";
      const invite = await call(createInvite, sessionOf(owner), { target_email: email, level: 8, message }, org.id);
      assert.equal(invite.emailing_attempt_made, true);
      const row = await outboxRow(invite.id);
      assert.equal(row.status, "pending");
      await drain(catcher.url);
      const mail = await catcher.waitFor((m) => m.messageId === row.messageId);
      const inviter = `${owner.firstName} ${owner.lastName}`;
      assert.equal(mail.from, FROM);
      assert.deepEqual(mail.envelopeTo, [email]);
      assert.equal(mail.to, email);
      assert.equal(mail.replyTo, owner.email);
      assert.equal(mail.subject, `${inviter} invited you to join ${org.name} on Orgdeck`);

      const link = mail.text.match(/(https?:\/\/\S+\/invites\/([\w-]+))/);
      assert.ok(link, mail.text);
      assert.deepEqual(verifyInviteToken(await getAuthSecret(await getDb()), link[2]), { inviteId: invite.id, version: 1 });
      for (const part of [org.name, inviter, owner.email, message, "administrator"]) assert.ok(mail.text.includes(part), `text has ${part}`);
      const expiry = mail.text.match(/expires on (.+?) UTC/);
      assert.ok(expiry, mail.text);
      const expected = Date.parse(invite.created_at) + 3 * 24 * HOUR;
      assert.ok(Math.abs(Date.parse(`${expiry[1]} GMT`) - expected) < 60_000, `${expiry[1]} is three days after creation`);

      const escapedOrg = org.name.replace("<i>Acme & Co</i>", "&lt;i&gt;Acme &amp; Co&lt;/i&gt;");
      for (const part of [escapedOrg, inviter, link[1], expiry[1], "Welcome &lt;b&gt;aboard&lt;/b&gt; &amp; enjoy"]) {
        assert.ok(mail.html.includes(part), `html has ${part}`);
      }
      assert.ok(!mail.html.includes("<b>aboard</b>") && !mail.html.includes("<i>Acme"), "the message and the name are escaped in HTML");
      const sent = await outboxRow(invite.id);
      assert.equal(sent.status, "sent");
      assert.ok(sent.sentAt);
    });
  });

  test("a delegation email has its own subject", async () => {
    await withEnv({ SMTP_URL: catcher.url, EMAIL_FROM: FROM }, async () => {
      const { org, owner } = await makeOrganization();
      const { delegateInvite } = await import("../../services/invites");
      const invite = await call(delegateInvite, sessionOf(owner), { target_email: uniqueEmail("delegate") }, org.id);
      const row = await outboxRow(invite.id);
      await drain(catcher.url);
      const mail = await catcher.waitFor((m) => m.messageId === row.messageId);
      assert.equal(mail.subject, `${owner.firstName} ${owner.lastName} asked you to set up ${org.name} on Orgdeck`);
    });
  });
});

describe("delivery retries", () => {
  test("SMTP down: the attempt is recorded with its error and retried 5 s later; once up, delivered exactly once with the same Message-ID", async () => {
    const port = await freePort();
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    await withEnv({ SMTP_URL: smtpUrl, EMAIL_FROM: FROM }, async () => {
      const { org, owner } = await makeOrganization();
      const invite = await call(createInvite, sessionOf(owner), { target_email: uniqueEmail("retry") }, org.id);
      const { messageId } = await outboxRow(invite.id);
      await drain(smtpUrl);
      const [failed] = await outboxOf(owner, org.id);
      assert.equal(failed.status, "pending");
      assert.equal(failed.message_id, messageId);
      assert.equal(failed.attempts.length, 1);
      assert.equal(failed.attempts[0].outcome, "failed");
      assert.match(failed.attempts[0].error ?? "", /ECONNREFUSED/);
      assert.equal(failed.last_error, failed.attempts[0].error);
      assert.equal(Date.parse(failed.next_attempt_at!) - Date.parse(failed.attempts[0].attempted_at), 5000);

      await drain(smtpUrl);
      assert.equal((await outboxOf(owner, org.id))[0].attempts.length, 1, "not retried before it is due");

      const catcher = await startSmtpCatcher(port);
      try {
        await drain(smtpUrl, new Date(Date.now() + 6000));
        await drain(smtpUrl, new Date(Date.now() + 60_000));
        const [sent] = await outboxOf(owner, org.id);
        assert.equal(sent.status, "sent");
        assert.equal(sent.next_attempt_at, null);
        assert.deepEqual(sent.attempts.map((a) => a.outcome), ["failed", "sent"]);
        assert.equal(catcher.withMessageId(messageId).length, 1);
      } finally {
        await catcher.stop();
      }
    });
  });

  test("a message still failing a day after it was written is given up as failed", async () => {
    const smtpUrl = `smtp://127.0.0.1:${await freePort()}`;
    await withEnv({ SMTP_URL: smtpUrl }, async () => {
      const db = await getDb();
      const { org, owner } = await makeOrganization();
      const email = { organizationId: org.id, kind: "test", to: uniqueEmail(), subject: "s", text: "t", html: "<p>h</p>" };
      await enqueueEmail(db, defaultAdapters(), { ...email, relatedId: `old-${org.id}` }, new Date(Date.now() - 25 * HOUR));
      await enqueueEmail(db, defaultAdapters(), { ...email, relatedId: `new-${org.id}` }, new Date(Date.now() - HOUR));
      try {
        await drain(smtpUrl);
        assert.equal((await outboxRow(`old-${org.id}`)).status, "failed");
        assert.equal((await outboxRow(`new-${org.id}`)).status, "pending");
        const failed = (await outboxOf(owner, org.id, { status: "failed" }))[0];
        assert.equal(failed.next_attempt_at, null);
        assert.equal(failed.attempts.length, 1);
      } finally {
        await db.delete(emailOutbox).where(eq(emailOutbox.organizationId, org.id));
      }
    });
  });

  test("a message claimed by a worker that died is claimed again after the lock and sent with its Message-ID", async () => {
    const catcher = await startSmtpCatcher();
    try {
      await withEnv({ SMTP_URL: catcher.url }, async () => {
        const db = await getDb();
        const { org } = await makeOrganization();
        const relatedId = `crashed-${org.id}`;
        await enqueueEmail(db, defaultAdapters(), { organizationId: org.id, kind: "test", relatedId, to: uniqueEmail(), subject: "s", text: "t", html: "h" });
        const { id, messageId } = await outboxRow(relatedId);
        await db.update(emailOutbox).set({ status: "sending", lockedUntil: new Date(Date.now() + 60_000), attempts: 1 }).where(eq(emailOutbox.id, id));
        await drain(catcher.url);
        assert.equal((await outboxRow(relatedId)).status, "sending", "still locked");
        await drain(catcher.url, new Date(Date.now() + 120_000));
        assert.equal((await outboxRow(relatedId)).status, "sent");
        assert.equal(catcher.withMessageId(messageId).length, 1);
      });
    } finally {
      await catcher.stop();
    }
  });

  test("nextDelaySeconds: 5 s, 30 s, 2 min, 10 min, 1 h, then hourly", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 50].map(nextDelaySeconds), [5, 30, 120, 600, 3600, 3600, 3600, 3600]);
  });
});

describe("without SMTP_URL, and listOutbox", () => {
  test("messages are held, emailing_attempt_made is false, and no worker sends them", async () => {
    const catcher = await startSmtpCatcher();
    try {
      const { org, owner } = await makeOrganization();
      const email = uniqueEmail("held");
      const invite = await withEnv({ SMTP_URL: undefined }, () => call(createInvite, sessionOf(owner), { target_email: email }, org.id));
      assert.equal(invite.emailing_attempt_made, false);
      await drain(catcher.url, new Date(Date.now() + 60_000));
      const [held] = await outboxOf(owner, org.id);
      assert.equal(held.status, "held");
      assert.deepEqual(held.attempts, []);
      assert.equal(held.next_attempt_at, null);
      assert.equal(catcher.to(email).length, 0);
      assert.equal((await (await getDb()).select().from(emailAttempts).where(eq(emailAttempts.outboxId, held.id))).length, 0);
    } finally {
      await catcher.stop();
    }
  });

  test("admins read their organization's outbox, newest first, with the rendered email; members and API keys cannot", async () => {
    const { org, owner, members } = await makeOrganization([8, 1]);
    const [admin, member] = members;
    const other = await makeOrganization();
    const first = await call(createInvite, sessionOf(owner), { target_email: uniqueEmail("one") }, org.id);
    const second = await call(createInvite, sessionOf(admin), { target_email: uniqueEmail("two"), message: "hello" }, org.id);
    await call(createInvite, sessionOf(other.owner), { target_email: uniqueEmail("elsewhere") }, other.org.id);
    const page = await call(listOutbox, sessionOf(admin), {}, org.id);
    assert.equal(page.count, 2);
    const [latest, earliest] = page.results;
    assert.deepEqual([latest.to, earliest.to], [second.target_email, first.target_email]);
    assert.deepEqual(Object.keys(latest).sort(), [
      "attempts", "created_at", "from", "html", "id", "kind", "last_error", "link_works", "message_id", "next_attempt_at", "reply_to", "sent_at", "status", "subject", "text", "to",
    ]);
    assert.equal(latest.link_works, true);
    assert.equal(latest.reply_to, admin.email);
    assert.ok(latest.text.includes("hello"));
    assert.match(latest.text, /\/invites\/[\w-]{60,}/);
    assert.equal((await call(listOutbox, sessionOf(owner), { status: "sent" }, org.id)).count, 0);
    await expectAppError(call(listOutbox, sessionOf(member), {}, org.id), 403, "permission_denied", {
      detail: "Your organization access level is insufficient.",
      attr: null,
    });
    await expectAppError(call(listOutbox, apiKeyOf(owner, ["*"]), {}, org.id), 403, "permission_denied", {
      detail: "This action does not support personal API key access",
    });
    await expectAppError(call(listOutbox, sessionOf(other.owner), {}, org.id), 403, "permission_denied", {
      detail: "You do not have permission to perform this action.",
    });
  });
});

describe("delivery through the job runner", () => {
  test("a commit that queued mail is delivered within about a second, and so is a second one right after it", async () => {
    const catcher = await startSmtpCatcher();
    const db = await getDb();
    startJobRunner(db, { adapters: { mail: mailTransportFor(catcher.url), storage: memoryStorage(), dns: unreachableDns, esign: { kind: "local" } } });
    try {
      await withEnv({ SMTP_URL: catcher.url, EMAIL_FROM: FROM }, async () => {
        const { org, owner } = await makeOrganization();
        for (const name of ["first", "second"]) {
          const email = uniqueEmail(name);
          const committed = Date.now();
          await call(createInvite, sessionOf(owner), { target_email: email }, org.id);
          await catcher.waitFor((m) => m.envelopeTo.includes(email), 5000);
          const elapsed = Date.now() - committed;
          assert.ok(elapsed < 2000, `the ${name} email arrived ${elapsed} ms after the call began`);
        }
        // The sent status is written after the SMTP reply, so it may trail the catcher by a moment.
        const allSent = async () => (await outboxOf(owner, org.id)).every((e) => e.status === "sent");
        for (const deadline = Date.now() + 2000; !(await allSent()) && Date.now() < deadline; ) await delay(20);
        const entries = await outboxOf(owner, org.id);
        assert.equal(entries.length, 2);
        for (const entry of entries) assert.deepEqual([entry.status, entry.attempts.map((a) => a.outcome)], ["sent", ["sent"]]);
      });
    } finally {
      await stopJobRunner();
      await catcher.stop();
    }
  });

  test("without a transport, the mail job runs and sends nothing: messages stay pending", async () => {
    const catcher = await startSmtpCatcher();
    try {
      const db = await getDb();
      const { org, owner } = await makeOrganization();
      const email = uniqueEmail("untransported");
      await withEnv({ SMTP_URL: catcher.url }, () => call(createInvite, sessionOf(owner), { target_email: email }, org.id));
      const runner = new JobRunner(db, { adapters: { mail: null, storage: memoryStorage(), dns: unreachableDns, esign: { kind: "local" } }, kinds: { [MAIL_OUTBOX]: runMailOutbox } });
      const id = await enqueueJob(db, MAIL_OUTBOX, {}, { uniqueKey: `test-untransported-${org.id}` });
      await runner.runDue();
      const [job] = await db.select().from(jobs).where(eq(jobs.id, id!));
      assert.equal(job.status, "done");
      const [entry] = await outboxOf(owner, org.id);
      assert.equal(entry.status, "pending");
      assert.deepEqual(entry.attempts, []);
      assert.equal(catcher.to(email).length, 0);
      await db.delete(emailOutbox).where(eq(emailOutbox.organizationId, org.id));
    } finally {
      await catcher.stop();
    }
  });
});
