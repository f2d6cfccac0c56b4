import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog } from "../../db/schema";
import { defaultAdapters } from "../adapters";
import type { DnsResolver } from "../adapters/dns";
import type { Principal } from "../auth/principal";
import { env } from "../env";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import {
  createIdentityProviderConfig,
  deleteIdentityProviderConfig,
  listIdentityProviderConfigs,
  regenerateConfigScimToken,
  updateIdentityProviderConfig,
} from "./identity-provider-configs";
import { createDomain, deleteDomain, getDomain, listDomains, regenerateDomainScimToken, updateDomain, verifyDomain } from "./domains";
import { execute } from "./operation";

const unique = (label = "acme") => `${label}-${randomBytes(4).toString("hex")}.example`;

/** A DNS that answers the given TXT records (null: no resolver answered). */
const dnsWith = (records: string[][] | null): DnsResolver => ({ txt: async () => records });

async function verify(principal: Principal, orgId: string, id: string, records: string[][] | null) {
  return execute(verifyDomain, { db: await getDb(), principal, organizationId: orgId, input: { id }, adapters: { ...defaultAdapters(), dns: dnsWith(records) } });
}

/** A verified domain of a fresh organization, with its owner. */
async function verifiedDomain() {
  const { org, owner, members } = await makeOrganization([1, 8]);
  const created = await call(createDomain, sessionOf(owner), { domain: unique() }, org.id);
  const verified = await verify(sessionOf(owner), org.id, created.id, [["other"], [created.verification_challenge, "extra"]]);
  assert.equal(verified.is_verified, true);
  return { org, owner, member: members[0], admin: members[1], domain: verified };
}

describe("domains", () => {
  test("create: lower-case domain names only, unique across the installation, gated fields dropped", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const name = unique("eu.acme");
    const created = await call(createDomain, sessionOf(owner), { domain: name, jit_provisioning_enabled: true, sso_enforcement: "bogus", scim_enabled: true, verified_at: "2020-01-01T00:00:00Z" }, org.id);
    assert.equal(created.domain, name);
    assert.match(created.verification_challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual([created.is_verified, created.verified_at, created.jit_provisioning_enabled, created.sso_enforcement, created.scim_enabled], [false, null, false, "", false]);
    for (const bad of ["test@posthog.com", "one.two.c", "--alpha.com", "javascript: alert(1)", "Acme.com", "🙂.com"]) {
      await expectAppError(call(createDomain, sessionOf(owner), { domain: bad }, org.id), 400, "invalid_input", { detail: "Please enter a valid domain or subdomain name.", attr: "domain" });
    }
    await expectAppError(call(createDomain, sessionOf(owner), {}, org.id), 400, "required", { attr: "domain" });
    const other = await makeOrganization();
    await expectAppError(call(createDomain, sessionOf(other.owner), { domain: name }, other.org.id), 400, "unique", { detail: "domain with this domain already exists.", attr: "domain" });
    await expectAppError(call(createDomain, sessionOf(members[0]), { domain: unique() }, org.id), 403, "permission_denied", { detail: "Your organization access level is insufficient." });
    const list = await call(listDomains, sessionOf(members[0]), {}, org.id);
    assert.deepEqual(list.results.map((d) => d.domain), [name]);
  });

  test("list is ordered by domain; retrieve and delete; another organization's domain is not found", async () => {
    const { org, owner } = await makeOrganization();
    for (const domain of ["zeta.example", "alpha.example", "mid.example"].map((d) => `${randomBytes(2).toString("hex")}${d}`)) {
      await call(createDomain, sessionOf(owner), { domain }, org.id);
    }
    const names = (await call(listDomains, sessionOf(owner), {}, org.id)).results.map((d) => d.domain);
    assert.deepEqual(names, [...names].sort());
    const first = (await call(listDomains, sessionOf(owner), {}, org.id)).results[0];
    const other = await makeOrganization();
    await expectAppError(call(getDomain, sessionOf(other.owner), { id: first.id }, other.org.id), 404, "not_found");
    assert.equal(await call(deleteDomain, sessionOf(owner), { id: first.id }, org.id), null);
    await expectAppError(call(getDomain, sessionOf(owner), { id: first.id }, org.id), 404, "not_found");
    const entries = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.organizationId, org.id), eq(activityLog.itemId, first.id)));
    assert.deepEqual(entries.map((e) => e.activity).sort(), ["created", "deleted"]);
  });

  test("an unverified domain refuses JIT, enforcement, SCIM and ID-JAG, reporting the first in a fixed order; domain never changes", async () => {
    const { org, owner } = await makeOrganization();
    const created = await call(createDomain, sessionOf(owner), { domain: unique() }, org.id);
    const patch = (input: Record<string, unknown>) => call(updateDomain, sessionOf(owner), { id: created.id, ...input }, org.id);
    const gate = (attr: string) => ({ detail: "This attribute cannot be updated until the domain is verified.", attr });
    await expectAppError(patch({ scim_enabled: true, sso_enforcement: "saml", jit_provisioning_enabled: true }), 400, "verification_required", gate("jit_provisioning_enabled"));
    await expectAppError(patch({ scim_enabled: false, sso_enforcement: "" }), 400, "verification_required", gate("sso_enforcement"));
    await expectAppError(patch({ id_jag_allowed_clients: [], scim_enabled: false }), 400, "verification_required", gate("scim_enabled"));
    await expectAppError(patch({ id_jag_jwks_url: "https://idp.example" }), 400, "verification_required", gate("id_jag_jwks_url"));
    const saml = await patch({ domain: "swapped.example", verified_at: "2020-01-01T00:00:00Z", saml_entity_id: "https://idp.example/entity", saml_acs_url: "https://idp.example/sso", saml_x509_cert: "CERT" });
    assert.deepEqual([saml.domain, saml.is_verified, saml.has_saml], [created.domain, false, true]);
  });

  test("verify: always 200 with the domain; only the exact challenge as a record's first string verifies; then already verified", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const created = await call(createDomain, sessionOf(owner), { domain: unique() }, org.id);
    for (const records of [null, [], [["wrong"]], [["x", created.verification_challenge]], [[`${created.verification_challenge} `]]]) {
      assert.equal((await verify(sessionOf(owner), org.id, created.id, records)).is_verified, false, JSON.stringify(records));
    }
    await expectAppError(verify(apiKeyOf(owner, ["*"]), org.id, created.id, [[created.verification_challenge]]), 403, "permission_denied", {
      detail: "This action does not support personal API key access",
    });
    await expectAppError(verify(sessionOf(members[0]), org.id, created.id, [[created.verification_challenge]]), 403, "permission_denied", {
      detail: "Your organization access level is insufficient.",
    });
    const verified = await verify(sessionOf(owner), org.id, created.id, [[created.verification_challenge]]);
    assert.equal(verified.is_verified, true);
    assert.ok(verified.verified_at);
    await expectAppError(verify(sessionOf(owner), org.id, created.id, [[created.verification_challenge]]), 400, "already_verified", {
      detail: "This domain has already been verified.",
      attr: null,
    });
  });

  test("verified: enforcement takes only the known values; SCIM on shows its token once, regenerates, and off clears it", async () => {
    const { org, owner, domain } = await verifiedDomain();
    const patch = (input: Record<string, unknown>) => call(updateDomain, sessionOf(owner), { id: domain.id, ...input }, org.id);
    await expectAppError(patch({ sso_enforcement: "okta" }), 400, "invalid_choice", { attr: "sso_enforcement" });
    assert.equal((await patch({ sso_enforcement: "saml", jit_provisioning_enabled: true })).sso_enforcement, "saml");

    const on = await patch({ scim_enabled: true });
    assert.match(on.scim_bearer_token ?? "", /^odscim_[A-Za-z0-9_-]{43}$/);
    assert.equal(on.scim_base_url, `${env().SITE_URL}/scim/v2/${domain.id}`);
    assert.equal(on.has_scim, true);
    assert.equal((await call(getDomain, sessionOf(owner), { id: domain.id }, org.id)).scim_bearer_token, null);
    assert.equal((await patch({ scim_enabled: true })).scim_bearer_token, null);
    const fresh = await call(regenerateDomainScimToken, sessionOf(owner), { id: domain.id }, org.id);
    assert.equal(fresh.scim_enabled, true);
    assert.notEqual(fresh.scim_bearer_token, on.scim_bearer_token);
    const off = await patch({ scim_enabled: false });
    assert.deepEqual([off.scim_enabled, off.has_scim, off.scim_base_url, off.scim_bearer_token], [false, false, null, null]);
    await expectAppError(call(regenerateDomainScimToken, sessionOf(owner), { id: domain.id }, org.id), 400, "scim_not_enabled", {
      detail: "SCIM is not enabled for this domain",
    });
  });

  test("ID-JAG URLs are trimmed and lose a trailing slash, blank is none, and local or metadata hosts are refused", async () => {
    const { org, owner, domain } = await verifiedDomain();
    const patch = (input: Record<string, unknown>) => call(updateDomain, sessionOf(owner), { id: domain.id, ...input }, org.id);
    const saved = await patch({ id_jag_issuer_url: "  https://idp.example.com/ ", id_jag_jwks_url: "   " });
    assert.deepEqual([saved.id_jag_issuer_url, saved.id_jag_jwks_url, saved.has_id_jag], ["https://idp.example.com", null, true]);
    await expectAppError(patch({ id_jag_jwks_url: "http://169.254.169.254/keys" }), 400, "invalid_input", {
      detail: "URL is not allowed: 169.254.169.254 is a cloud metadata address",
      attr: "id_jag_jwks_url",
    });
    await expectAppError(patch({ id_jag_issuer_url: "https://idp.localhost" }), 400, "invalid_input", { attr: "id_jag_issuer_url" });
    await expectAppError(patch({ identity_provider_config: "6f1c7a52-2d4b-4f7e-9f53-0c1b2a3d4e5f" }), 400, "does_not_exist", { attr: "identity_provider_config" });
  });

  test("identity-provider configs: no verification gate, SCIM token at creation; linking copies SAML and ID-JAG (not SCIM), sent fields win; deleting unlinks", async () => {
    const { org, owner, member, domain } = await verifiedDomain();
    const config = await call(
      createIdentityProviderConfig,
      sessionOf(owner),
      { name: "Okta", saml_entity_id: "http://okta.example/e", saml_acs_url: "https://okta.example/sso", saml_x509_cert: "CERT", scim_enabled: true, id_jag_issuer_url: "https://okta.example/" },
      org.id,
    );
    assert.match(config.scim_bearer_token ?? "", /^odscim_/);
    assert.deepEqual([config.has_saml, config.has_scim, config.id_jag_issuer_url], [true, true, "https://okta.example"]);
    await expectAppError(call(createIdentityProviderConfig, sessionOf(member), { name: "x" }, org.id), 403, "permission_denied");
    assert.equal((await call(listIdentityProviderConfigs, sessionOf(member), {}, org.id)).results[0].scim_bearer_token, null);

    const linked = await call(updateDomain, sessionOf(owner), { id: domain.id, identity_provider_config: config.id, saml_acs_url: "https://own.example/sso" }, org.id);
    assert.deepEqual(
      [linked.identity_provider_config, linked.saml_entity_id, linked.saml_acs_url, linked.id_jag_issuer_url, linked.scim_enabled],
      [config.id, "http://okta.example/e", "https://own.example/sso", "https://okta.example", false],
    );
    const other = await makeOrganization();
    const foreign = await call(createIdentityProviderConfig, sessionOf(other.owner), { name: "theirs" }, other.org.id);
    await expectAppError(call(updateDomain, sessionOf(owner), { id: domain.id, identity_provider_config: foreign.id }, org.id), 400, "does_not_exist", {
      attr: "identity_provider_config",
    });

    await call(updateIdentityProviderConfig, sessionOf(owner), { id: config.id, scim_enabled: false }, org.id);
    await expectAppError(call(regenerateConfigScimToken, sessionOf(owner), { id: config.id }, org.id), 400, "scim_not_enabled", { detail: "SCIM is not enabled for this config" });
    assert.equal(await call(deleteIdentityProviderConfig, sessionOf(owner), { id: config.id }, org.id), null);
    const after = await call(getDomain, sessionOf(owner), { id: domain.id }, org.id);
    assert.deepEqual([after.identity_provider_config, after.saml_entity_id], [null, "http://okta.example/e"]);
  });
});
