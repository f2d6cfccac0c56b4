import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { emailOutbox } from "../../../db/schema";
import { startSmtpCatcher, type SmtpCatcher } from "../../../e2e/support/smtp";
import { mailTransportFor } from "../../adapters/mail";
import { signInviteToken } from "../../auth/invite-token";
import { getAuthSecret } from "../../services/instance";
import { acceptInvite } from "../../services/invite-accept";
import { createInvite, deleteInvite } from "../../services/invites";
import { deleteOrganization } from "../../services/organizations";
import { call, makeOrganization, makeUser, sessionOf, uniqueEmail, withEnv } from "../../testing/fixtures";
import { drainOutbox } from "./mail-outbox";

const rowsOf = async (relatedId: string) => (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.relatedId, relatedId));

describe("mail that went stale before it was sent is cancelled, not delivered", () => {
  let catcher: SmtpCatcher;
  const queue = <T>(fn: () => Promise<T>) => withEnv({ SMTP_URL: catcher.url }, fn);
  const drain = async () => drainOutbox(await getDb(), mailTransportFor(catcher.url)!);
  const cancelledWith = async (inviteId: string, reason: string) => {
    const rows = await rowsOf(inviteId);
    assert.ok(rows.length > 0);
    for (const row of rows) assert.deepEqual([row.status, row.lastError, row.sentAt], ["cancelled", reason, null]);
  };
  before(async () => {
    catcher = await startSmtpCatcher();
  });
  after(() => catcher.stop());

  test("a revoked invitation's message (and its resends) is not sent", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("revoked");
    const invite = await queue(() => call(createInvite, sessionOf(owner), { target_email: email }, org.id));
    await call(deleteInvite, sessionOf(owner), { id: invite.id }, org.id);
    await drain();
    await cancelledWith(invite.id, "The invitation was revoked before the message was sent.");
    assert.deepEqual(catcher.to(email), []);
  });

  test("a replaced invitation's message is not sent; the newer one's is", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("replaced");
    const first = await queue(() => call(createInvite, sessionOf(owner), { target_email: email }, org.id));
    const second = await queue(() => call(createInvite, sessionOf(owner), { target_email: email, level: 8 }, org.id));
    await drain();
    await cancelledWith(first.id, "The invitation was replaced by a newer one before the message was sent.");
    assert.equal((await rowsOf(second.id))[0].status, "sent");
    assert.equal(catcher.to(email).length, 1);
  });

  test("an accepted invitation's message is not sent", async () => {
    const { org, owner } = await makeOrganization();
    const invitee = await makeUser("accepted");
    const invite = await queue(() => call(createInvite, sessionOf(owner), { target_email: invitee.email }, org.id));
    await call(acceptInvite, sessionOf(invitee), { token: signInviteToken(await getAuthSecret(await getDb()), invite.id, 1) });
    await drain();
    await cancelledWith(invite.id, "The invitation was accepted before the message was sent.");
    assert.deepEqual(catcher.to(invitee.email), []);
  });

  test("a deleted organization's mail is not sent", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("orgless");
    const invite = await queue(() => call(createInvite, sessionOf(owner), { target_email: email }, org.id));
    await call(deleteOrganization, sessionOf(owner), {}, org.id);
    await drain();
    await cancelledWith(invite.id, "The organization was deleted before the message was sent.");
    assert.deepEqual(catcher.to(email), []);
  });
});
