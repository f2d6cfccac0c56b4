import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, organizationMemberships, users } from "../../db/schema";
import { defaultAdapters } from "../adapters";
import { call, makeOrganization, sessionOf } from "../testing/fixtures";
import { createDomain, updateDomain, verifyDomain } from "./domains";
import { createInvite } from "./invites";
import { removeMember } from "./members";
import { execute } from "./operation";
import { prepareSignIn, type SignInClaims } from "./sign-in";

/** An organization that verified `domain` and turned just-in-time provisioning on (or not). */
async function organizationWithDomain(domain: string, jit: boolean) {
  const { org, owner } = await makeOrganization();
  const created = await call(createDomain, sessionOf(owner), { domain }, org.id);
  const dns = { txt: async () => [[created.verification_challenge]] };
  await execute(verifyDomain, { db: await getDb(), principal: sessionOf(owner), organizationId: org.id, input: { id: created.id }, adapters: { ...defaultAdapters(), dns } });
  if (jit) await call(updateDomain, sessionOf(owner), { id: created.id, jit_provisioning_enabled: true }, org.id);
  return { org, owner };
}

const claims = (email: string, emailVerified = true): SignInClaims => ({
  provider: "oidc",
  issuer: "https://idp.example",
  providerAccountId: `sub-${email}`,
  email,
  emailVerified,
  givenName: "Jit",
  familyName: "",
  secondFactor: false,
});

async function membershipOf(orgId: string, email: string) {
  const [row] = await (await getDb())
    .select({ level: organizationMemberships.level, source: organizationMemberships.source })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(users.email, email)));
  return row ?? null;
}

test("a verified sign-in joins, once and as a member, each organization that verified exactly its domain with JIT on", async () => {
  const domain = `jit-${randomBytes(4).toString("hex")}.example`;
  const on = await organizationWithDomain(domain, true);
  const off = await organizationWithDomain(`off-${domain}`, false);
  const parentDomain = `parent-${randomBytes(3).toString("hex")}.example`;
  const parent = await organizationWithDomain(parentDomain, true);
  const db = await getDb();

  const alice = `alice@${domain}`;
  assert.deepEqual(await prepareSignIn(db, claims(alice, false)), { ok: false, reason: "unverified" });
  assert.equal(await membershipOf(on.org.id, alice), null, "an unverified address never triggers JIT");
  assert.equal((await prepareSignIn(db, claims(alice))).ok, true);
  assert.deepEqual(await membershipOf(on.org.id, alice), { level: 1, source: "jit" });
  await prepareSignIn(db, claims(alice));
  const joins = await db.select().from(activityLog).where(and(eq(activityLog.organizationId, on.org.id), eq(activityLog.activity, "joined")));
  assert.equal(joins.length, 1, "a second sign-in adds nothing");
  assert.deepEqual((joins[0].detail as { via: unknown }).via, { kind: "identity_provider" });

  await prepareSignIn(db, claims(`bob@off-${domain}`));
  assert.equal(await membershipOf(off.org.id, `bob@off-${domain}`), null, "JIT off");
  const sub = `carol@eu.${parentDomain}`;
  await prepareSignIn(db, claims(sub));
  assert.equal(await membershipOf(parent.org.id, sub), null, "a subdomain is not the verified domain");
});

test("someone removed is not added back by JIT, until an invitation asks them back", async () => {
  const domain = `jit-${randomBytes(4).toString("hex")}.example`;
  const { org, owner } = await organizationWithDomain(domain, true);
  const db = await getDb();
  const dave = `dave@${domain}`;
  await prepareSignIn(db, claims(dave));
  const [user] = await db.select().from(users).where(eq(users.email, dave));
  await call(removeMember, sessionOf(owner), { user__uuid: user.uuid }, org.id);
  await prepareSignIn(db, claims(dave));
  assert.equal(await membershipOf(org.id, dave), null);

  await call(createInvite, sessionOf(owner), { target_email: dave, send_email: false }, org.id);
  await prepareSignIn(db, claims(dave));
  assert.deepEqual(await membershipOf(org.id, dave), { level: 1, source: "jit" });
});
