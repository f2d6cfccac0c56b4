import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { accounts, users } from "../../db/schema";
import { makeUser, uniqueEmail } from "../testing/fixtures";
import { deactivateUser } from "./admin";
import { assignIssuerToLegacyIdentities, prepareSignIn, providerVouchesForEmail, type SignInClaims } from "./sign-in";

const ISSUER_A = "https://a.idp.example.test";
const ISSUER_B = "https://b.idp.example.test";

const claims = (over: Partial<SignInClaims>): SignInClaims => ({
  provider: "oidc",
  issuer: ISSUER_A,
  providerAccountId: randomBytes(6).toString("hex"),
  email: uniqueEmail("signin"),
  emailVerified: true,
  givenName: "",
  familyName: "",
  secondFactor: false,
  ...over,
});

async function linkedUserId(issuer: string, subject: string) {
  const [row] = await (await getDb())
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.issuer, issuer), eq(accounts.providerAccountId, subject)));
  return row?.userId ?? null;
}

async function userIdByEmail(email: string) {
  const [row] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

describe("providerVouchesForEmail", () => {
  test("only an email_verified claim of exactly true vouches, unless the operator trusts the provider's addresses", () => {
    assert.equal(providerVouchesForEmail(true, false), true);
    for (const claim of [false, undefined, null, "true", 1]) assert.equal(providerVouchesForEmail(claim, false), false, String(claim));
    for (const claim of [false, undefined, "true"]) assert.equal(providerVouchesForEmail(claim, true), true, String(claim));
  });
});

describe("prepareSignIn", () => {
  test("an address the provider has not verified is refused, and no user is made", async () => {
    const db = await getDb();
    const c = claims({ emailVerified: false });
    assert.deepEqual(await prepareSignIn(db, c), { ok: false, reason: "unverified" });
    assert.equal(await userIdByEmail(c.email), null);
    assert.equal(await linkedUserId(c.issuer, c.providerAccountId), null);
  });

  test("an unverified address is refused even for an identity already linked", async () => {
    const db = await getDb();
    const c = claims({});
    assert.equal((await prepareSignIn(db, c)).ok, true);
    assert.deepEqual(await prepareSignIn(db, { ...c, emailVerified: false }), { ok: false, reason: "unverified" });
  });

  test("a first sign-in makes a verified user and links the identity (issuer, subject) to it", async () => {
    const db = await getDb();
    const c = claims({ givenName: "Ada" });
    assert.equal((await prepareSignIn(db, c)).ok, true);
    const id = await userIdByEmail(c.email);
    assert.ok(id);
    assert.equal(await linkedUserId(ISSUER_A, c.providerAccountId), id);
    const [user] = await db.select().from(users).where(eq(users.id, id));
    assert.equal(user.isEmailVerified, true);
  });

  test("a verified address links the identity to the user the admin CLI made with it", async () => {
    const db = await getDb();
    const user = await makeUser("cli-made");
    assert.equal(user.isEmailVerified, true);
    const c = claims({ email: user.email.toUpperCase() });
    assert.equal((await prepareSignIn(db, c)).ok, true);
    assert.equal(await linkedUserId(ISSUER_A, c.providerAccountId), user.id);
  });

  test("an identity linked under one issuer is not found by another issuer's same subject", async () => {
    const db = await getDb();
    const subject = randomBytes(6).toString("hex");
    const first = claims({ issuer: ISSUER_A, providerAccountId: subject });
    assert.equal((await prepareSignIn(db, first)).ok, true);
    const owner = await userIdByEmail(first.email);

    const other = claims({ issuer: ISSUER_B, providerAccountId: subject });
    assert.equal((await prepareSignIn(db, other)).ok, true);
    const stranger = await userIdByEmail(other.email);
    assert.ok(stranger);
    assert.notEqual(stranger, owner);
    assert.equal(await linkedUserId(ISSUER_B, subject), stranger);
    assert.equal(await linkedUserId(ISSUER_A, subject), owner);

    // The same issuer and subject keep signing in as their user, whatever email the token now carries.
    assert.equal((await prepareSignIn(db, { ...first, email: uniqueEmail("renamed") })).ok, true);
    assert.equal(await linkedUserId(ISSUER_A, subject), owner);
  });

  test("a deactivated user is refused", async () => {
    const db = await getDb();
    const user = await makeUser("gone");
    await deactivateUser(db, user.email);
    assert.deepEqual(await prepareSignIn(db, claims({ email: user.email })), { ok: false, reason: "deactivated" });
  });
});

describe("assignIssuerToLegacyIdentities", () => {
  test("gives identities without an issuer the configured one, once, leaving a clashing subject alone", async () => {
    const db = await getDb();
    const issuer = `https://legacy-${randomBytes(4).toString("hex")}.example.test`;
    const a = await makeUser("legacy-a");
    const b = await makeUser("legacy-b");
    const [subjectA, subjectB] = [randomBytes(6).toString("hex"), randomBytes(6).toString("hex")];
    await db.insert(accounts).values([
      { userId: a.id, type: "oidc", provider: "oidc", providerAccountId: subjectA, issuer: null },
      { userId: b.id, type: "oidc", provider: "oidc", providerAccountId: subjectB, issuer: null },
      { userId: a.id, type: "oidc", provider: "oidc", providerAccountId: subjectB, issuer },
    ]);
    await assignIssuerToLegacyIdentities(db, issuer);
    await assignIssuerToLegacyIdentities(db, issuer);
    assert.equal(await linkedUserId(issuer, subjectA), a.id);
    assert.equal(await linkedUserId(issuer, subjectB), a.id);
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(accounts)
      .where(and(eq(accounts.userId, b.id), sql`${accounts.issuer} IS NULL`));
    assert.equal(left.n, 1);
    // A later start with another issuer finds nothing left to fill but the clashing row.
    await assignIssuerToLegacyIdentities(db, `${issuer}/other`);
    assert.equal(await linkedUserId(`${issuer}/other`, subjectB), b.id);
  });
});
