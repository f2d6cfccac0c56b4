import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationDomains } from "../../db/schema";
import { call, callAt, makeOrganization, sessionOf } from "../testing/fixtures";
import { getDomainDnsStatus } from "./domain-status";
import { createDomain } from "./domains";

test("the DNS status a member reads: the last attempt, the last re-check and the days left once the record went missing", async () => {
  const { org, owner, members } = await makeOrganization([1]);
  const [member] = members;
  const created = await call(createDomain, sessionOf(owner), { domain: `status-${randomBytes(4).toString("hex")}.example` }, org.id);
  const status = (now = new Date()) => callAt(getDomainDnsStatus, sessionOf(member), { id: created.id }, org.id, now);

  assert.deepEqual(await status(), { last_verification_retry: null, dns_checked_at: null, dns_missing_since: null, days_left: null });

  const db = await getDb();
  const tried = new Date("2030-01-01T00:00:00Z");
  const checked = new Date("2030-01-05T00:00:00Z");
  const missing = new Date("2030-01-03T00:00:00Z");
  await db.update(organizationDomains).set({ lastVerificationRetry: tried, dnsCheckedAt: checked, dnsMissingSince: missing }).where(eq(organizationDomains.id, created.id));
  assert.deepEqual(await status(checked), {
    last_verification_retry: "2030-01-01T00:00:00Z",
    dns_checked_at: "2030-01-05T00:00:00Z",
    dns_missing_since: "2030-01-03T00:00:00Z",
    days_left: 5,
  });

  const other = await makeOrganization();
  await assert.rejects(call(getDomainDnsStatus, sessionOf(other.owner), { id: created.id }, other.org.id), (err: { body?: { code: string } }) => err.body?.code === "not_found");
});
