import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, emailOutbox, organizationDomains } from "../../db/schema";
import { defaultAdapters, type Adapters } from "../adapters";
import { dnsResolverFor } from "../adapters/dns";
import { startDnsServer, type TestDnsServer } from "../testing/dns-server";
import { call, callAt, makeOrganization, sessionOf, unreachableDns } from "../testing/fixtures";
import { daysLeft, recheckVerifiedDomains } from "./domain-recheck";
import { challengeName } from "./domain-rows";
import { createDomain, getDomain, updateDomain, verifyDomain } from "./domains";
import { execute } from "./operation";

const DAY = 24 * 60 * 60 * 1000;
let dns: TestDnsServer;
let adapters: Adapters;
before(async () => {
  dns = await startDnsServer();
  adapters = { ...defaultAdapters(), dns: dnsResolverFor([`127.0.0.1:${dns.port}`]) };
});
after(() => dns.stop());

test("a verified domain whose record stays missing 7 days loses its verification; its admins are told, and the log says why", async () => {
  const { org, owner, members } = await makeOrganization([1, 8]);
  const [member, admin] = members;
  const created = await call(createDomain, sessionOf(owner), { domain: `recheck-${randomBytes(4).toString("hex")}.example` }, org.id);
  const record = challengeName(created.domain);
  dns.setTxt(record, [created.verification_challenge]);
  const t0 = new Date("2030-01-01T03:00:00Z");
  await execute(verifyDomain, { db: await getDb(), principal: sessionOf(owner), organizationId: org.id, input: { id: created.id }, adapters, now: t0 });
  await callAt(updateDomain, sessionOf(owner), { id: created.id, jit_provisioning_enabled: true, sso_enforcement: "saml" }, org.id, t0);
  const db = await getDb();
  const row = async () => (await db.select().from(organizationDomains).where(eq(organizationDomains.id, created.id)))[0];
  const at = (days: number) => new Date(t0.getTime() + days * DAY);
  // Other tests' verified domains are re-checked too (the database is shared): judge this domain by its own row.
  const run = async (days: number, using = adapters) => {
    const before = await row();
    await recheckVerifiedDomains(db, using, at(days));
    const after = await row();
    if (before.verifiedAt && !after.verifiedAt) return "expired";
    if (after.dnsCheckedAt?.getTime() === before.dnsCheckedAt?.getTime()) return "untouched";
    return after.dnsMissingSince ? "missing" : "present";
  };

  // Checked at verification: the next run within 20 hours leaves it alone.
  assert.equal(await run(0.5), "untouched");
  assert.equal(await run(1), "present");
  dns.clear();
  assert.equal(await run(2), "missing");
  assert.equal(daysLeft(await row(), at(2)), 7);
  assert.equal(await run(3, { ...adapters, dns: unreachableDns }), "untouched", "no answer is not a missing record");
  assert.equal(await run(5), "missing");
  assert.equal(daysLeft(await row(), at(5)), 4);

  // Back before the week is out: the count starts over.
  dns.setTxt(record, [created.verification_challenge]);
  assert.equal(await run(6), "present");
  assert.equal((await row()).dnsMissingSince, null);
  dns.setNxdomain(record);
  assert.equal(await run(7), "missing");
  assert.equal(await run(13), "missing", "six days missing is not yet seven");
  assert.equal(await run(14), "expired");

  const lost = await call(getDomain, sessionOf(owner), { id: created.id }, org.id);
  assert.deepEqual([lost.is_verified, lost.jit_provisioning_enabled, lost.sso_enforcement], [false, false, ""]);
  const [entry] = await db.select().from(activityLog).where(and(eq(activityLog.itemId, created.id), eq(activityLog.activity, "verification_expired")));
  assert.match((entry.detail as { name: string }).name, /was missing for 7 days/);
  assert.deepEqual((entry.detail as { via: unknown }).via, { kind: "system" });
  const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, org.id), eq(emailOutbox.kind, "domain_unverified")));
  assert.deepEqual(mails.map((m) => m.toAddress).sort(), [owner.email, admin.email].sort());
  assert.ok(!mails.some((m) => m.toAddress === member.email));
  assert.match(mails[0].text, new RegExp(`${record}  TXT  "${created.verification_challenge}"`));
  assert.equal(await run(20), "untouched", "an unverified domain is no longer re-checked");
});
