import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { bearer, makeOrganization, makeSession } from "../../support/cli";
import type { TestDnsServer } from "../../support/dns";
import { expectOk, SITE_URL } from "../helpers";
import { expect } from "../recording";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimTenant = Awaited<ReturnType<typeof scimTenant>>;

/**
 * An organization with a domain verified through the test DNS server and SCIM turned on for it: the base URL and
 * token an IdP would be given, and helpers that call the SCIM API with them as Okta or Entra ID would.
 */
export async function scimTenant(request: APIRequestContext, dns: TestDnsServer) {
  const { org, owner, ownerKey, members } = await makeOrganization([1]);
  const domain = `scim-${randomBytes(4).toString("hex")}.example`;
  const domains = `/api/organizations/${org.id}/domains/`;
  const created = await expectOk(await request.post(domains, { headers: bearer(ownerKey), data: { domain } }), 201);
  dns.setTxt(`_orgdeck-challenge.${domain}`, [created.verification_challenge]);
  const session = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
  expect((await expectOk(await request.post(`${domains}${created.id}/verify/`, { headers: session }))).is_verified).toBe(true);
  const scim = await expectOk(await request.patch(`${domains}${created.id}/`, { headers: bearer(ownerKey), data: { scim_enabled: true } }));
  const base = new URL(scim.scim_base_url as string).pathname;
  return { org, owner, ownerKey, member: members[0], domain, domainId: created.id as string, session, base, token: scim.scim_bearer_token as string, ...client(request, base, scim.scim_bearer_token) };
}

/** SCIM calls against one base URL with one token, answering status, body and content type. */
export function client(request: APIRequestContext, base: string, token: string, userAgent = "Okta SCIM Client 1.0.0") {
  async function call(method: string, path: string, data?: unknown, headers: Record<string, string> = {}) {
    const res = await request.fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "User-Agent": userAgent, ...(data !== undefined && { "Content-Type": "application/scim+json; charset=utf-8" }), ...headers },
      ...(data !== undefined && { data: JSON.stringify(data) }),
    });
    const text = await res.text();
    return { status: res.status(), body: text ? JSON.parse(text) : null, type: res.headers()["content-type"] ?? null };
  }
  return { call, get: (path: string) => call("GET", path), post: (path: string, data: unknown) => call("POST", path, data) };
}

/** A User as Okta posts it. */
export const oktaUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName: email,
  name: { givenName: "Test", familyName: "User" },
  emails: [{ primary: true, value: email, type: "work" }],
  displayName: "Test User",
  active: true,
  ...extra,
});

export const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
export const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;
