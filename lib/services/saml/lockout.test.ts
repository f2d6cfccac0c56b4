import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { accounts, organizationMemberships, users } from "../../../db/schema";
import { addMember, createUser } from "../admin";
import { call, expectAppError, makeOrganization, sessionOf } from "../../testing/fixtures";
import { createDomain, updateDomain } from "../domains";
import { createIdentityProviderConfig } from "../identity-provider-configs";
import { LOCKOUT_PREVIEW_LIMIT, previewSsoLockout } from "./lockout";
import { requiredSignInKind, samlIssuerOf } from "./sso-policy";

type Org = Awaited<ReturnType<typeof makeOrganization>>["org"];

/** A member of the organization with this email, and the sign-ins (accounts rows) given. */
async function member(org: Org, email: string, signIns: { type: "oidc" | "saml"; issuer: string }[] = [], options: { join?: boolean } = {}) {
  const db = await getDb();
  const user = await createUser(db, { email, first_name: email.split("@")[0], last_name: "Tester" });
  if (options.join !== false) await addMember(db, { organization_id: org.id, email, level: 1 });
  for (const signIn of signIns) {
    const provider = signIn.type === "saml" ? "saml" : "oidc";
    await db.insert(accounts).values({ userId: user.id, type: signIn.type, provider, issuer: signIn.issuer, providerAccountId: randomUUID() });
  }
  return user;
}

async function setup() {
  const { org, owner } = await makeOrganization();
  const domain = await call(createDomain, sessionOf(owner), { domain: `acme-${randomBytes(4).toString("hex")}.example` }, org.id);
  return { org, owner, domain };
}

const preview = (org: Org, owner: Parameters<typeof sessionOf>[0], domainId: string, sso_enforcement: string) =>
  call(previewSsoLockout, sessionOf(owner), { domain_id: domainId, sso_enforcement }, org.id);

describe("requiredSignInKind", () => {
  test("SAML for saml, the OpenID Connect provider for every other name, nothing when off", () => {
    assert.deepEqual(
      ["", "saml", "oidc", "google-oauth2", "github", "gitlab"].map(requiredSignInKind),
      [null, "saml", "oidc", "oidc", "oidc", "oidc"],
    );
  });
});

describe("previewSsoLockout", () => {
  test("members at exactly the domain who never signed in the required way; SAML through the domain or its linked config", async () => {
    const { org, owner, domain } = await setup();
    const config = await call(createIdentityProviderConfig, sessionOf(owner), { name: "Okta" }, org.id);
    await call(updateDomain, sessionOf(owner), { id: domain.id, identity_provider_config: config.id }, org.id);
    const at = (name: string) => `${name}@${domain.domain}`;
    const oidc = { type: "oidc" as const, issuer: "http://127.0.0.1:9999/oidc" };

    const alice = await member(org, at("alice"));
    const carol = await member(org, at("carol"), [oidc]);
    const dave = await member(org, at("dave"), [{ type: "saml", issuer: samlIssuerOf(domain.id) }]);
    const erin = await member(org, at("erin"), [{ type: "saml", issuer: samlIssuerOf(config.id) }]);
    const frank = await member(org, at("frank"), [{ type: "saml", issuer: samlIssuerOf(randomUUID()) }]);
    await member(org, `gina@eu.${domain.domain}`);
    await member(org, `hank@other-${domain.domain}`);
    await member(org, at("ivan"), [], { join: false });
    const db = await getDb();
    // An address stored with an upper-case domain still counts.
    const [bob] = await db.insert(users).values({ email: `bob@${domain.domain.toUpperCase()}`, firstName: "Bob", lastName: "Tester", distinctId: randomUUID() }).returning();
    await db.insert(organizationMemberships).values({ organizationId: org.id, userId: bob.id, level: 1 });

    const person = (user: { uuid: string; email: string; firstName: string }) => ({ id: user.uuid, email: user.email, name: `${user.firstName} Tester` });
    assert.deepEqual(await preview(org, owner, domain.id, "saml"), { count: 4, people: [alice, bob, carol, frank].map(person) });
    const viaOidc = { count: 5, people: [alice, bob, dave, erin, frank].map(person) };
    assert.deepEqual(await preview(org, owner, domain.id, "oidc"), viaOidc);
    assert.deepEqual(await preview(org, owner, domain.id, "github"), viaOidc);
    assert.deepEqual(await preview(org, owner, domain.id, ""), { count: 0, people: [] });

    // Unlinked, the config's SAML sign-ins no longer count for this domain.
    await call(updateDomain, sessionOf(owner), { id: domain.id, identity_provider_config: null }, org.id);
    assert.deepEqual((await preview(org, owner, domain.id, "saml")).people.map((p) => p.email), [alice, bob, carol, erin, frank].map((u) => u.email));
  });

  test("suspended members are not counted: they cannot sign in either way", async () => {
    const { org, owner, domain } = await setup();
    const kept = await member(org, `kept@${domain.domain}`);
    const gone = await member(org, `gone@${domain.domain}`);
    const db = await getDb();
    await db.update(organizationMemberships).set({ suspendedAt: new Date() }).where(eq(organizationMemberships.userId, gone.id));
    assert.deepEqual((await preview(org, owner, domain.id, "saml")).people.map((p) => p.id), [kept.uuid]);
  });

  test(`the count covers everyone; the list stops at ${LOCKOUT_PREVIEW_LIMIT}, ordered by email`, async () => {
    const { org, owner, domain } = await setup();
    const emails: string[] = [];
    for (let i = 0; i < LOCKOUT_PREVIEW_LIMIT + 2; i++) emails.push((await member(org, `p${String(100 - i).padStart(3, "0")}@${domain.domain}`)).email);
    const result = await preview(org, owner, domain.id, "gitlab");
    assert.equal(result.count, LOCKOUT_PREVIEW_LIMIT + 2);
    assert.deepEqual(result.people.map((p) => p.email), [...emails].sort().slice(0, LOCKOUT_PREVIEW_LIMIT));
  });

  test("another organization's domain is 404; members below admin are refused; unknown enforcement is 400", async () => {
    const { org, owner, domain } = await setup();
    const other = await setup();
    await expectAppError(preview(org, owner, other.domain.id, "saml"), 404, "not_found");
    await expectAppError(preview(org, owner, "not-a-uuid", "saml"), 404, "not_found");
    const plain = await member(org, `plain@${domain.domain}`);
    await expectAppError(call(previewSsoLockout, sessionOf(plain), { domain_id: domain.id, sso_enforcement: "saml" }, org.id), 403, "permission_denied");
    await expectAppError(preview(org, owner, domain.id, "okta"), 400, "invalid_choice", { attr: "sso_enforcement" });
  });
});
