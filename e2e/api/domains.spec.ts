import { randomBytes } from "node:crypto";
import { expect, test } from "./recording";
import { bearer, cli, makeKey, makeKeyWithId, makeOrganization, makeSession, type User } from "../support/cli";
import { startE2eDnsServer, type TestDnsServer } from "../support/dns";
import { E, err, expectError, expectOk, SITE_URL, uuidRe } from "./helpers";
import { samlOverHttp } from "./saml-over-http";
import { entraSequences } from "./scim/entra";
import { oktaSequences } from "./scim/okta";

const domains = (orgId: string, rest = "") => `/api/organizations/${orgId}/domains/${rest}`;
const unique = (label = "acme") => `${label}-${randomBytes(4).toString("hex")}.example`;
const gate = (attr: string) => err("validation_error", "verification_required", "This attribute cannot be updated until the domain is verified.", attr);

// The test server asks the DNS server on 127.0.0.1:3153 (DNS_SERVERS in playwright.config.ts), which this spec runs.
let dns: TestDnsServer;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  dns = await startE2eDnsServer();
});
test.afterAll(async () => {
  await dns?.stop();
});

test.describe("domains over HTTP", () => {
  test("an admin claims a domain (201), reads and lists it; members read; the wire object has every documented field", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const name = unique("eu.acme");
    const created = await expectOk(await request.post(domains(org.id), { headers: bearer(ownerKey), data: { domain: name, sso_enforcement: "nonsense", jit_provisioning_enabled: true } }), 201);
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      domain: name,
      is_verified: false,
      verified_at: null,
      verification_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      jit_provisioning_enabled: false,
      sso_enforcement: "",
      has_saml: false,
      saml_entity_id: null,
      saml_acs_url: null,
      saml_x509_cert: null,
      saml_allow_idp_initiated: false,
      has_scim: false,
      scim_enabled: false,
      scim_base_url: null,
      scim_bearer_token: null,
      has_id_jag: false,
      id_jag_issuer_url: null,
      id_jag_jwks_url: null,
      id_jag_allowed_clients: [],
      identity_provider_config: null,
    });
    const list = await expectOk(await request.get(domains(org.id), { headers: bearer(member.key) }));
    expect(list).toMatchObject({ count: 1, next: null, previous: null });
    expect(list.results[0].id).toBe(created.id);
    expect(await expectOk(await request.get(domains(org.id, `${created.id}/`), { headers: bearer(member.key) }))).toEqual(created);
    await expectError(await request.post(domains(org.id), { headers: bearer(member.key), data: { domain: unique() } }), 403, E.levelInsufficient);
    await expectError(await request.post(domains(org.id), { headers: bearer(ownerKey), data: { domain: "One.Two.c" } }), 400, E.invalid("Please enter a valid domain or subdomain name.", "domain"));
    await expectError(await request.post(domains(org.id), { headers: bearer(ownerKey), data: {} }), 400, E.required("domain"));
    const other = await makeOrganization();
    await expectError(
      await request.post(domains(other.org.id), { headers: bearer(other.ownerKey), data: { domain: name } }),
      400,
      err("validation_error", "unique", "domain with this domain already exists.", "domain"),
    );
  });

  test("an unverified domain: gates in order, domain immutable, SAML settable; verify refuses keys; SCIM token is a raw 400; delete is 204", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const created = await expectOk(await request.post(domains(org.id), { headers: bearer(ownerKey), data: { domain: unique() } }), 201);
    const one = domains(org.id, `${created.id}/`);
    await expectError(await request.patch(one, { headers: bearer(ownerKey), data: { sso_enforcement: "saml", jit_provisioning_enabled: true } }), 400, gate("jit_provisioning_enabled"));
    await expectError(await request.put(one, { headers: bearer(ownerKey), data: { scim_enabled: true, sso_enforcement: "" } }), 400, gate("sso_enforcement"));
    const saml = await expectOk(
      await request.patch(one, { headers: bearer(ownerKey), data: { domain: "swap.example", saml_entity_id: "https://idp.example/e", saml_acs_url: "https://idp.example/sso", saml_x509_cert: "MIIC" } }),
    );
    expect([saml.domain, saml.has_saml]).toEqual([created.domain, true]);

    await expectError(await request.post(domains(org.id, `${created.id}/verify/`), { headers: bearer(ownerKey) }), 403, E.denied("This action does not support personal API key access"));
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const attempt = await expectOk(await request.post(domains(org.id, `${created.id}/verify/`), { headers: cookie }));
    expect([attempt.id, attempt.is_verified]).toEqual([created.id, false]);

    const token = await request.post(domains(org.id, `${created.id}/scim/token/`), { headers: cookie });
    expect(token.status()).toBe(400);
    expect(await token.json()).toEqual({ detail: "SCIM is not enabled for this domain" });

    const deleted = await request.delete(one, { headers: bearer(ownerKey) });
    expect(deleted.status()).toBe(204);
    expect(await deleted.text()).toBe("");
    await expectError(await request.get(one, { headers: bearer(ownerKey) }), 404, E.notFound);
  });

  test("keys need organization:read to list and organization:write to change", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const readOnly = (await makeKeyWithId(owner.email, "organization:read")).key;
    await expectOk(await request.get(domains(org.id), { headers: bearer(readOnly) }));
    await expectError(await request.post(domains(org.id), { headers: bearer(readOnly), data: { domain: unique() } }), 403, E.missingScope("organization:write"));
  });

  test("verification through a real DNS server: not found, a wrong value, then the challenge; then the gated settings, SCIM and its logs", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const created = await expectOk(await request.post(domains(org.id), { headers: bearer(ownerKey), data: { domain: unique() } }), 201);
    const record = `_orgdeck-challenge.${created.domain}`;
    const verify = () => request.post(domains(org.id, `${created.id}/verify/`), { headers: cookie, data: { ignored: true } });

    dns.setNxdomain(record);
    expect((await expectOk(await verify())).is_verified).toBe(false);
    dns.setTxt(record, ["not-the-challenge"]);
    expect((await expectOk(await verify())).is_verified).toBe(false);
    dns.setTxt(record, [["unrelated"], [created.verification_challenge, "second string"]]);
    const verified = await expectOk(await verify());
    expect(verified).toMatchObject({ is_verified: true, verified_at: expect.stringMatching(/Z$/) });
    await expectError(await verify(), 400, err("validation_error", "already_verified", "This domain has already been verified."));

    const one = domains(org.id, `${created.id}/`);
    await expectError(await request.patch(one, { headers: bearer(ownerKey), data: { sso_enforcement: "okta" } }), 400, E.invalidChoice("okta", "sso_enforcement"));
    const enforced = await expectOk(await request.patch(one, { headers: bearer(ownerKey), data: { sso_enforcement: "saml", jit_provisioning_enabled: true } }));
    expect([enforced.sso_enforcement, enforced.jit_provisioning_enabled]).toEqual(["saml", true]);
    const scim = await expectOk(await request.patch(one, { headers: bearer(ownerKey), data: { scim_enabled: true } }));
    expect(scim).toMatchObject({ scim_enabled: true, has_scim: true, scim_base_url: `${SITE_URL}/scim/v2/${created.id}`, scim_bearer_token: expect.stringMatching(/^odscim_/) });
    expect((await expectOk(await request.get(one, { headers: bearer(ownerKey) }))).scim_bearer_token).toBeNull();
    const fresh = await expectOk(await request.post(domains(org.id, `${created.id}/scim/token/`), { headers: cookie }));
    expect(fresh).toEqual({ scim_enabled: true, scim_base_url: `${SITE_URL}/scim/v2/${created.id}`, scim_bearer_token: expect.stringMatching(/^odscim_/) });
    expect(fresh.scim_bearer_token).not.toBe(scim.scim_bearer_token);

    const logs = domains(org.id, `${created.id}/scim/logs/`);
    expect(await expectOk(await request.get(`${logs}?page_size=500`, { headers: cookie }))).toEqual({ count: 0, next: null, previous: null, results: [] });
    await expectError(await request.get(logs, { headers: { Cookie: await makeSession(member.email) } }), 403, E.denied("Only organization admins can view SCIM logs."));
    await expectError(await request.get(logs, { headers: bearer(ownerKey) }), 403, E.denied("This action does not support personal API key access"));
  });

  test("a domain proven through DNS, with JIT on, lets people at it join through the directory; discovery decides whether they are offered it", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const created = await expectOk(await request.post(domains(org.id), { headers: bearer(ownerKey), data: { domain: unique("join") } }), 201);
    dns.setTxt(`_orgdeck-challenge.${created.domain}`, [created.verification_challenge]);
    expect((await expectOk(await request.post(domains(org.id, `${created.id}/verify/`), { headers: cookie }))).is_verified).toBe(true);

    const person = await cli<User>("user", "create", "--email", `someone-${randomBytes(3).toString("hex")}@${created.domain}`);
    const reader = bearer(await makeKey(person.email, "directory:read"));
    const writer = bearer(await makeKey(person.email, "directory:write"));
    const join = () => request.put(`/directory/orgs/${org.id}/members`, { headers: writer });
    const suggested = async () => (await expectOk(await request.get("/directory/orgs/suggest", { headers: reader }))) as { id: string; join: string }[];

    // Verified, but JIT off: neither offered nor let in, and told why.
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { allow_domain_discovery: true } }));
    expect(await suggested()).toEqual([]);
    await expectError(await join(), 403, E.denied(`You cannot join this organization: you have no pending invitation to it, and this organization does not let people at ${created.domain} join by themselves (just-in-time provisioning is off).`));

    // JIT on, discovery off: not offered, yet the join rule lets them in.
    await expectOk(await request.patch(domains(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { jit_provisioning_enabled: true } }));
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { allow_domain_discovery: false } }));
    expect(await suggested()).toEqual([]);
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { allow_domain_discovery: true } }));
    expect(await suggested()).toEqual([{ id: org.id, name: org.name, logo_url: null, join: "domain" }]);

    const joined = await join();
    expect({ status: joined.status(), body: await joined.text() }).toEqual({ status: 200, body: "" });
    const members = await expectOk(await request.get(`/directory/orgs/${org.id}/members?expand=true`, { headers: bearer(member.key) }));
    expect(members.results.find((m: { subject_id: string }) => m.subject_id === person.uuid)).toMatchObject({ email: person.email, roles: ["member"], source: "directory" });
    expect(await suggested()).toEqual([]);
    const activity = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/?scope=OrganizationMembership`, { headers: bearer(ownerKey) }));
    expect(activity.results.map((entry: { activity: string; detail: { name: string } }) => `${entry.activity} ${entry.detail.name}`)).toContain(`joined ${person.email} (verified domain ${created.domain})`);
  });

  test("identity-provider configs: 201 with the SCIM token once, URLs normalised or refused, raw 400 without SCIM, another organization's is 404, deleted (204)", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const configs = `/api/organizations/${org.id}/identity_provider_configs/`;
    const created = await expectOk(
      await request.post(configs, { headers: bearer(ownerKey), data: { name: "Entra", scim_enabled: true, id_jag_issuer_url: " https://login.example.com/tenant/ " } }),
      201,
    );
    expect(created).toMatchObject({ name: "Entra", has_scim: true, scim_bearer_token: expect.stringMatching(/^odscim_/), id_jag_issuer_url: "https://login.example.com/tenant", has_saml: false });
    expect(Object.keys(created)).not.toContain("scim_base_url");
    await expectError(
      // The suite's server allows private addresses (ORGDECK_ALLOW_PRIVATE_URLS=1), so only the scheme rule applies here;
      // the address rules are the unit tests'.
      await request.patch(`${configs}${created.id}/`, { headers: bearer(ownerKey), data: { id_jag_jwks_url: "ftp://169.254.169.254/latest" } }),
      400,
      E.invalid("URL is not allowed: only http and https URLs", "id_jag_jwks_url"),
    );
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const token = await expectOk(await request.post(`${configs}${created.id}/scim/token/`, { headers: cookie }));
    expect(token).toEqual({ scim_enabled: true, scim_bearer_token: expect.stringMatching(/^odscim_/) });
    await expectOk(await request.patch(`${configs}${created.id}/`, { headers: bearer(ownerKey), data: { scim_enabled: false } }));
    const off = await request.post(`${configs}${created.id}/scim/token/`, { headers: cookie });
    expect([off.status(), await off.json()]).toEqual([400, { detail: "SCIM is not enabled for this config" }]);
    const other = await makeOrganization();
    await expectError(await request.get(`/api/organizations/${other.org.id}/identity_provider_configs/${created.id}/`, { headers: bearer(other.ownerKey) }), 404, E.notFound);
    expect((await request.delete(`${configs}${created.id}/`, { headers: bearer(ownerKey) })).status()).toBe(204);
    expect(await expectOk(await request.get(configs, { headers: bearer(ownerKey) }))).toMatchObject({ count: 0, results: [] });
  });
});

samlOverHttp(() => dns);
oktaSequences(() => dns);
entraSequences(() => dns);
