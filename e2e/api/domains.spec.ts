import { randomBytes } from "node:crypto";
import { expect, test } from "./recording";
import { bearer, makeKeyWithId, makeOrganization, makeSession } from "../support/cli";
import { E, err, expectError, expectOk, SITE_URL, uuidRe } from "./helpers";

const domains = (orgId: string, rest = "") => `/api/organizations/${orgId}/domains/${rest}`;
const unique = (label = "acme") => `${label}-${randomBytes(4).toString("hex")}.example`;
const gate = (attr: string) => err("validation_error", "verification_required", "This attribute cannot be updated until the domain is verified.", attr);

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
});
