import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { createTestIdp, type TestIdp } from "../../lib/testing/saml-idp";
import { bearer, makeOrganization, makeSession } from "../support/cli";
import type { TestDnsServer } from "../support/dns";
import { expectOk, SITE_URL } from "./helpers";
import { expect, test } from "./recording";

/**
 * SAML over HTTP: metadata, the login redirect and the ACS, against a verified domain. Registered by the domains spec,
 * which owns the test DNS server (one spec at a time may run it).
 */
export function samlOverHttp(dns: () => TestDnsServer) {
  let idp: TestIdp;
  test.beforeAll(async () => {
    idp = await createTestIdp();
  });

  /** A domain of a new organization, verified through the test DNS server, with the test IdP connected and JIT on. */
  async function connectedDomain(request: APIRequestContext) {
    const { org, owner, ownerKey } = await makeOrganization();
    const domains = `/api/organizations/${org.id}/domains/`;
    const created = await expectOk(await request.post(domains, { headers: bearer(ownerKey), data: { domain: `saml-${randomBytes(4).toString("hex")}.example` } }), 201);
    dns().setTxt(`_orgdeck-challenge.${created.domain}`, [created.verification_challenge]);
    const session = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    expect((await expectOk(await request.post(`${domains}${created.id}/verify/`, { headers: session }))).is_verified).toBe(true);
    const sp = { entityId: `${SITE_URL}/saml/${created.id}/metadata`, acsUrl: `${SITE_URL}/saml/${created.id}/acs` };
    return { org, ownerKey, id: created.id as string, domain: created.domain as string, one: `${domains}${created.id}/`, sp };
  }

  const connect = (request: APIRequestContext, one: string, ownerKey: string) =>
    request.patch(one, { headers: bearer(ownerKey), data: { jit_provisioning_enabled: true, saml_entity_id: idp.entityId, saml_acs_url: idp.ssoUrl, saml_x509_cert: idp.certificate } });

  test.describe("SAML over HTTP", () => {
    test("metadata names our entity id, ACS URL and email NameID, before the IdP side is set; an unknown id is 404; login before setup says so", async ({ request }) => {
      const { id, sp } = await connectedDomain(request);
      const metadata = await request.get(`/saml/${id}/metadata`);
      expect([metadata.status(), metadata.headers()["content-type"]]).toEqual([200, "application/samlmetadata+xml"]);
      const xml = await metadata.text();
      expect(xml).toContain(`entityID="${sp.entityId}"`);
      expect(xml).toContain(`Location="${sp.acsUrl}"`);
      expect(xml).toContain("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
      expect((await request.get("/saml/00000000-0000-4000-8000-000000000000/metadata")).status()).toBe(404);
      const login = await request.get(`/saml/${id}/login`, { maxRedirects: 0 });
      expect([login.status(), login.headers().location]).toEqual([303, `${SITE_URL}/signin/refused?reason=saml_unavailable`]);
    });

    test("SP-initiated: login redirects to the IdP, the ACS signs the person in as a JIT member and returns on site; a replay is refused", async ({ request }) => {
      const { org, ownerKey, id, domain, one, sp } = await connectedDomain(request);
      await expectOk(await connect(request, one, ownerKey));
      const login = await request.get(`/saml/${id}/login?return_to=${encodeURIComponent(`/organizations/${org.id}/members`)}`, { maxRedirects: 0 });
      expect(login.status()).toBe(302);
      const redirect = login.headers().location;
      expect(redirect.startsWith(`${idp.ssoUrl}?SAMLRequest=`)).toBe(true);
      const requestId = await idp.requestIdOf(sp, redirect);
      const email = `new-${randomBytes(3).toString("hex")}@${domain}`;
      const samlResponse = await idp.respond(sp, { email, givenName: "Sam", familyName: "Lee" }, { inResponseTo: requestId });

      const acs = await request.post(`/saml/${id}/acs`, { form: { SAMLResponse: samlResponse }, maxRedirects: 0 });
      expect([acs.status(), acs.headers().location]).toEqual([303, `${SITE_URL}/organizations/${org.id}/members`]);
      const cookie = /^([^=]+=[^;]+);.*HttpOnly; SameSite=Lax/.exec(acs.headers()["set-cookie"] ?? "")?.[1];
      expect(cookie).toBeTruthy();
      const me = await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: cookie! } }));
      expect(me.email).toBe(email);
      expect(me.organizations.map((o: { id: string }) => o.id)).toContain(org.id);

      const replay = await request.post(`/saml/${id}/acs`, { form: { SAMLResponse: samlResponse }, maxRedirects: 0 });
      expect([replay.status(), replay.headers().location, replay.headers()["set-cookie"]]).toEqual([303, `${SITE_URL}/signin/refused?reason=saml_replayed`, undefined]);
    });

    test("an unsolicited response, a wrongly signed one and a body without SAMLResponse are each refused with their reason", async ({ request }) => {
      const { ownerKey, id, domain, one, sp } = await connectedDomain(request);
      await expectOk(await connect(request, one, ownerKey));
      const refusedWith = async (form: Record<string, string>) => {
        const res = await request.post(`/saml/${id}/acs`, { form, maxRedirects: 0 });
        expect(res.headers()["set-cookie"]).toBeUndefined();
        return new URL(res.headers().location).searchParams.get("reason");
      };
      expect(await refusedWith({ SAMLResponse: await idp.respond(sp, { email: `a@${domain}` }) })).toBe("saml_unsolicited");
      const impostor = await createTestIdp({ entityId: idp.entityId });
      expect(await refusedWith({ SAMLResponse: await impostor.respond(sp, { email: `a@${domain}` }) })).toBe("saml_unsigned");
      expect(await refusedWith({ RelayState: "/" })).toBe("saml_malformed");
    });
  });
}
