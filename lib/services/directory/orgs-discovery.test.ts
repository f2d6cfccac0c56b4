import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { organizationDomains, organizations, users } from "../../../db/schema";
import type { AuthUser, Principal } from "../../auth/principal";
import type { AppError } from "../../errors";
import { call, expectAppError, makeOrganization, makeUser, sessionOf, withEnv } from "../../testing/fixtures";
import { createInvite } from "../invites";
import { createDirectoryOrganization } from "./orgs";
import { checkDirectoryAvailability, suggestDirectoryOrganizations } from "./orgs-discovery";

const hex = () => randomBytes(4).toString("hex");

/** A user whose address is at `domain`, verified or not. */
async function userAt(domain: string, verified = true): Promise<AuthUser> {
  const db = await getDb();
  const user = await makeUser();
  const [row] = await db.update(users).set({ email: `p-${hex()}@${domain}`, isEmailVerified: verified }).where(eq(users.id, user.id)).returning();
  return row;
}

/** An organization that verified `domain`, with discovery and JIT as given. */
async function discoverable(domain: string, { discovery = true, jit = true, verified = true } = {}) {
  const made = await makeOrganization();
  const db = await getDb();
  await db.insert(organizationDomains).values({ organizationId: made.org.id, domain, verificationChallenge: "x", verifiedAt: verified ? new Date() : null, jitProvisioningEnabled: jit });
  await db.update(organizations).set({ allowDomainDiscovery: discovery }).where(eq(organizations.id, made.org.id));
  return made;
}

const machine = (organizationId: string, permissions: string[]): Principal => ({
  kind: "service_account", user: null, organizationId, serviceAccount: { id: `sa-${hex()}`, name: "bot", clientId: "c", permissions },
});

describe("availability", () => {
  test("answers {available} alone: the same for a taken subdomain and a reserved one, unverified domain claims count as taken", async () => {
    const user = await makeUser();
    const sub = `sub-${hex()}`;
    const domain = `claimed-${hex()}.example.test`;
    await call(createDirectoryOrganization, sessionOf(user), { name: "Holder", subdomain: sub, domain });
    const ask = (q: Record<string, string>) => call(checkDirectoryAvailability, sessionOf(user), q);
    assert.deepEqual(await ask({ subdomain: sub }), { available: false });
    assert.deepEqual(await ask({ subdomain: "www" }), { available: false });
    assert.deepEqual(await ask({ subdomain: sub.toUpperCase() }), { available: false });
    assert.deepEqual(await ask({ subdomain: `free-${hex()}` }), { available: true });
    assert.deepEqual(await ask({ domain }), { available: false });
    assert.deepEqual(await ask({ domain: `free-${hex()}.example.test` }), { available: true });
    assert.deepEqual(await ask({ domain: `free-${hex()}.example.test`, subdomain: sub }), { available: false });
    await expectAppError(ask({}), 400, "invalid_input", { attr: "domain" });
    await expectAppError(ask({ subdomain: "a.b" }), 400, "invalid_input", { attr: "subdomain" });
  });

  test("each caller has its own budget a minute, then 429 with the wait", async () => {
    await withEnv({ RATE_LIMIT_DIRECTORY_LOOKUPS_PER_MINUTE: "3" }, async () => {
      const [a, b] = [await makeUser(), await makeUser()];
      for (let i = 0; i < 3; i++) await call(checkDirectoryAvailability, sessionOf(a), { subdomain: `x-${hex()}` });
      await expectAppError(call(checkDirectoryAvailability, sessionOf(a), { subdomain: `x-${hex()}` }), 429, "throttled");
      await assert.rejects(call(checkDirectoryAvailability, sessionOf(a), { subdomain: "www" }), (err: AppError) => (err.retryAfter ?? 0) >= 1);
      assert.deepEqual(await call(checkDirectoryAvailability, sessionOf(b), { subdomain: `x-${hex()}` }), { available: true });
    });
  });

  test("a service account needs org.directory.list", async () => {
    const { org } = await makeOrganization();
    await expectAppError(call(checkDirectoryAvailability, machine(org.id, []), { subdomain: "x" }), 403, "permission_denied", { detail: "Missing permission 'org.directory.list'." });
    assert.deepEqual(await call(checkDirectoryAvailability, machine(org.id, ["org.directory.list"]), { subdomain: `m-${hex()}` }), { available: true });
  });
});

describe("suggestions", () => {
  test("a verified address at a verified domain with discovery and JIT on finds the organization; never on an unverified domain or address", async () => {
    const domain = `corp-${hex()}.example.test`;
    const open = await discoverable(domain);
    const person = await userAt(domain);
    assert.deepEqual(await call(suggestDirectoryOrganizations, sessionOf(person)), [{ id: open.org.id, name: open.org.name, logo_url: null, join: "domain" }]);
    assert.deepEqual(await call(suggestDirectoryOrganizations, sessionOf(await userAt(domain, false))), []);
    assert.deepEqual(await call(suggestDirectoryOrganizations, sessionOf(open.owner)), [], "not the organizations one is in");

    for (const settings of [{ verified: false }, { discovery: false }, { jit: false }]) {
      const other = `corp-${hex()}.example.test`;
      await discoverable(other, settings);
      assert.deepEqual(await call(suggestDirectoryOrganizations, sessionOf(await userAt(other))), [], JSON.stringify(settings));
    }
  });

  test("a pending invitation for a verified address is a suggestion; an unverified address sees none; a service account gets []", async () => {
    const { org, owner } = await makeOrganization();
    const domain = `inv-${hex()}.example.test`;
    const invited = await userAt(domain);
    const unverified = await userAt(domain, false);
    for (const target of [invited, unverified]) await call(createInvite, sessionOf(owner), { target_email: target.email, level: 1 }, org.id);
    assert.deepEqual(await call(suggestDirectoryOrganizations, sessionOf(invited)), [{ id: org.id, name: org.name, logo_url: null, join: "invitation" }]);
    assert.deepEqual(await call(suggestDirectoryOrganizations, sessionOf(unverified)), []);
    assert.deepEqual(await call(suggestDirectoryOrganizations, machine(org.id, ["org.directory.list"])), []);
  });
});
