import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { accounts, organizationMemberships, users } from "../../../db/schema";
import { defaultAdapters } from "../../adapters";
import { call, makeOrganization, sessionOf } from "../../testing/fixtures";
import { createTestIdp, type TestIdp, type TestPerson } from "../../testing/saml-idp";
import { createDomain, updateDomain, verifyDomain } from "../domains";
import { createIdentityProviderConfig } from "../identity-provider-configs";
import { execute } from "../operation";
import { prepareSignIn } from "../sign-in";
import { finishSamlLogin } from "./acs";
import { startSamlLogin } from "./login";
import { samlServiceProviderUrls } from "./urls";

let idp: TestIdp;
before(async () => {
  idp = await createTestIdp();
});

/** An organization that verified a fresh domain, connected the test IdP to it and turned JIT on. */
async function connectedDomain(extra: Record<string, unknown> = {}) {
  const domain = `saml-${randomBytes(4).toString("hex")}.example`;
  const { org, owner } = await makeOrganization();
  const created = await call(createDomain, sessionOf(owner), { domain }, org.id);
  const dns = { txt: async () => [[created.verification_challenge]] };
  await execute(verifyDomain, { db: await getDb(), principal: sessionOf(owner), organizationId: org.id, input: { id: created.id }, adapters: { ...defaultAdapters(), dns } });
  await call(
    updateDomain,
    sessionOf(owner),
    { id: created.id, jit_provisioning_enabled: true, saml_entity_id: idp.entityId, saml_acs_url: idp.ssoUrl, saml_x509_cert: idp.certificate, ...extra },
    org.id,
  );
  const urls = samlServiceProviderUrls(created.id);
  return { org, owner, domain, id: created.id, sp: { entityId: urls.entityId, acsUrl: urls.acsUrl } };
}

/** A sign-in started here: the request's ID as the IdP reads it from the redirect URL. */
async function startedLogin(connectionId: string, sp: { entityId: string; acsUrl: string }, returnTo = "/organizations") {
  const url = await startSamlLogin(await getDb(), connectionId, returnTo);
  assert.ok(url?.startsWith(`${idp.ssoUrl}?SAMLRequest=`), "the browser goes to the IdP's sign-on URL with an AuthnRequest");
  return idp.requestIdOf(sp, url!);
}

const person = (domain: string, extra: Partial<TestPerson> = {}): TestPerson => ({
  email: `p-${randomBytes(3).toString("hex")}@${domain}`,
  givenName: "Pat",
  familyName: "Doe",
  ...extra,
});

async function membership(orgId: string, email: string) {
  const [row] = await (await getDb())
    .select({ source: organizationMemberships.source, level: organizationMemberships.level })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(users.email, email)));
  return row ?? null;
}

describe("SAML sign-in at a domain's connection", () => {
  test("an SP-initiated sign-in creates the person, joins them just in time and returns where it started; the response works once", async () => {
    const c = await connectedDomain();
    const db = await getDb();
    const requestId = await startedLogin(c.id, c.sp, "/organizations/x/members?page=2");
    const who = person(c.domain);
    const response = await idp.respond(c.sp, who, { inResponseTo: requestId });
    const result = await finishSamlLogin(db, c.id, { samlResponse: response });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok);
    assert.equal(result.returnTo, "/organizations/x/members?page=2");
    assert.equal(result.mfa, false);
    assert.deepEqual(await membership(c.org.id, who.email), { source: "jit", level: 1 });
    const [user] = await db.select().from(users).where(eq(users.email, who.email));
    assert.equal(user.firstName, "Pat");
    const [identity] = await db.select().from(accounts).where(eq(accounts.userId, user.id));
    assert.deepEqual([identity.type, identity.issuer, identity.providerAccountId], ["saml", `saml:${c.id}`, who.email]);

    assert.deepEqual(await finishSamlLogin(db, c.id, { samlResponse: response }), { ok: false, reason: "saml_replayed", domain: undefined });
    const again = await idp.respond(c.sp, who, { inResponseTo: requestId });
    assert.deepEqual(await finishSamlLogin(db, c.id, { samlResponse: again }), { ok: false, reason: "saml_unsolicited", domain: undefined }, "a request is answered once");
  });

  test("a response signed on the whole message (not the assertion) is accepted too", async () => {
    const c = await connectedDomain();
    const requestId = await startedLogin(c.id, c.sp);
    const response = await idp.respond(c.sp, person(c.domain), { inResponseTo: requestId, sign: "response" });
    assert.equal((await finishSamlLogin(await getDb(), c.id, { samlResponse: response })).ok, true);
  });

  test("a multi-factor authentication context counts as a second factor", async () => {
    const c = await connectedDomain();
    for (const classRef of ["http://schemas.microsoft.com/claims/multipleauthn", "urn:example:MultiFactorContract"]) {
      const requestId = await startedLogin(c.id, c.sp);
      const response = await idp.respond(c.sp, person(c.domain, { authnContextClassRef: classRef }), { inResponseTo: requestId });
      const result = await finishSamlLogin(await getDb(), c.id, { samlResponse: response });
      assert.ok(result.ok && result.mfa, classRef);
    }
  });

  test("unsigned, wrongly signed, tampered, expired and misaddressed responses are refused, each with its reason", async () => {
    const c = await connectedDomain();
    const db = await getDb();
    const other = await createTestIdp({ entityId: idp.entityId });
    const past = new Date(Date.now() - 10 * 60_000).toISOString();
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const cases: [string, () => Promise<string>][] = [
      ["saml_unsigned", async () => strip(await idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp) }))],
      ["saml_unsigned", async () => other.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp) })],
      ["saml_unsigned", async () => tamper(await idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp) }), c.domain)],
      ["saml_expired", async () => idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp), overrides: { ConditionsNotOnOrAfter: past, SubjectConfirmationDataNotOnOrAfter: past } })],
      ["saml_expired", async () => idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp), overrides: { ConditionsNotBefore: future } })],
      ["saml_wrong_audience", async () => idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp), overrides: { Audience: "https://other.example/sp" } })],
      ["saml_wrong_recipient", async () => idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp), overrides: { SubjectRecipient: "https://other.example/acs" } })],
      ["saml_wrong_destination", async () => idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp), overrides: { Destination: "https://other.example/acs" } })],
      ["saml_wrong_issuer", async () => idp.respond(c.sp, person(c.domain), { inResponseTo: await startedLogin(c.id, c.sp), overrides: { Issuer: "https://other-idp.example" } })],
    ];
    for (const [reason, make] of cases) {
      const result = await finishSamlLogin(db, c.id, { samlResponse: await make() });
      assert.equal(result.ok ? "ok" : result.reason, reason);
    }
  });

  test("a response a sign-in here did not ask for is refused unless the admin accepts IdP-initiated sign-in; RelayState stays on this site", async () => {
    const c = await connectedDomain();
    const db = await getDb();
    const unsolicited = () => idp.respond(c.sp, person(c.domain));
    assert.equal((await finishSamlLogin(db, c.id, { samlResponse: await unsolicited() })).ok, false);
    const forged = await idp.respond(c.sp, person(c.domain), { inResponseTo: "_never-sent" });
    assert.equal((await finishSamlLogin(db, c.id, { samlResponse: forged })).ok ? "ok" : "refused", "refused");
    const elsewhere = await connectedDomain();
    const theirs = await startedLogin(elsewhere.id, elsewhere.sp);
    const crossed = await idp.respond(c.sp, person(c.domain), { inResponseTo: theirs });
    const crossedResult = await finishSamlLogin(db, c.id, { samlResponse: crossed });
    assert.equal(crossedResult.ok ? "ok" : crossedResult.reason, "saml_unsolicited", "another connection's request does not count");

    await call(updateDomain, sessionOf(c.owner), { id: c.id, saml_allow_idp_initiated: true }, c.org.id);
    const welcome = await finishSamlLogin(db, c.id, { samlResponse: await unsolicited(), relayState: "/organizations" });
    assert.ok(welcome.ok && welcome.returnTo === "/organizations");
    const offsite = await finishSamlLogin(db, c.id, { samlResponse: await unsolicited(), relayState: "https://evil.example/steal" });
    assert.ok(offsite.ok && offsite.returnTo === "/");
  });

  test("only addresses at the connection's verified domain sign in (not a subdomain); an unverified domain signs in nobody", async () => {
    const c = await connectedDomain();
    const db = await getDb();
    for (const email of [`a@other-${c.domain}`, `a@sub.${c.domain}`]) {
      const response = await idp.respond(c.sp, { email }, { inResponseTo: await startedLogin(c.id, c.sp) });
      const result = await finishSamlLogin(db, c.id, { samlResponse: response });
      assert.equal(result.ok ? "ok" : result.reason, "saml_outside_domain", email);
    }
    const { org, owner } = await makeOrganization();
    const unverified = await call(createDomain, sessionOf(owner), { domain: `unverified-${c.domain}` }, org.id);
    const db2 = await getDb();
    const { organizationDomains } = await import("../../../db/schema");
    await db2.update(organizationDomains).set({ samlEntityId: idp.entityId, samlAcsUrl: idp.ssoUrl, samlX509Cert: idp.certificate }).where(eq(organizationDomains.id, unverified.id));
    const sp = samlServiceProviderUrls(unverified.id);
    const response = await idp.respond({ entityId: sp.entityId, acsUrl: sp.acsUrl }, { email: `a@unverified-${c.domain}` }, { inResponseTo: await startedLogin(unverified.id, { entityId: sp.entityId, acsUrl: sp.acsUrl }) });
    const result = await finishSamlLogin(db, unverified.id, { samlResponse: response });
    assert.equal(result.ok ? "ok" : result.reason, "saml_outside_domain");
  });

  test("enforcement: a domain enforcing SAML refuses OIDC sign-ins of its addresses, and one enforcing OIDC refuses SAML", async () => {
    const c = await connectedDomain({ sso_enforcement: "saml" });
    const db = await getDb();
    const who = person(c.domain);
    const oidc = { kind: "oidc" as const, provider: "oidc", issuer: "https://idp.example", providerAccountId: `sub-${who.email}`, email: who.email, emailVerified: true, givenName: "", familyName: "", secondFactor: false };
    assert.deepEqual(await prepareSignIn(db, oidc), { ok: false, reason: "sso_required", domain: c.domain });
    const saml = await finishSamlLogin(db, c.id, { samlResponse: await idp.respond(c.sp, who, { inResponseTo: await startedLogin(c.id, c.sp) }) });
    assert.equal(saml.ok, true);

    await call(updateDomain, sessionOf(c.owner), { id: c.id, sso_enforcement: "oidc" }, c.org.id);
    const refused = await finishSamlLogin(db, c.id, { samlResponse: await idp.respond(c.sp, who, { inResponseTo: await startedLogin(c.id, c.sp) }) });
    assert.deepEqual(refused, { ok: false, reason: "sso_required", domain: c.domain });
    assert.equal((await prepareSignIn(db, oidc)).ok, true);
  });
});

describe("SAML sign-in at an identity-provider config's connection", () => {
  test("signs in addresses of the verified domains that link the config, and no others", async () => {
    const c = await connectedDomain();
    const config = await call(
      createIdentityProviderConfig,
      sessionOf(c.owner),
      { name: "Okta", saml_entity_id: idp.entityId, saml_acs_url: idp.ssoUrl, saml_x509_cert: idp.certificate },
      c.org.id,
    );
    const urls = samlServiceProviderUrls(config.id);
    const sp = { entityId: urls.entityId, acsUrl: urls.acsUrl };
    const db = await getDb();
    const signIn = async (email: string) =>
      finishSamlLogin(db, config.id, { samlResponse: await idp.respond(sp, { email }, { inResponseTo: await startedLogin(config.id, sp) }) });
    const before = await signIn(`x@${c.domain}`);
    assert.equal(before.ok ? "ok" : before.reason, "saml_outside_domain", "no domain links the config yet");
    await call(updateDomain, sessionOf(c.owner), { id: c.id, identity_provider_config: config.id }, c.org.id);
    const who = `y@${c.domain}`;
    assert.equal((await signIn(who)).ok, true);
    assert.deepEqual(await membership(c.org.id, who), { source: "jit", level: 1 });
  });
});

const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
const encode = (xml: string) => Buffer.from(xml, "utf8").toString("base64");
const strip = (b64: string) => encode(decode(b64).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, ""));
const tamper = (b64: string, domain: string) => encode(decode(b64).replace(/p-[0-9a-f]+@/g, `ceo@`).replaceAll(`ceo@${domain}`, `ceo@${domain}`));
