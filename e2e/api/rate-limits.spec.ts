import { randomInt } from "node:crypto";
import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeOrganization, uniqueEmail } from "../support/cli";
import { err, expectOk } from "./helpers";
import { awayFromWindowEdge } from "../support/windows";

const INVITES_PER_HOUR = Number(process.env.E2E_INVITES_PER_HOUR);
const SIGNINS_PER_MINUTE = Number(process.env.E2E_SIGNINS_PER_MINUTE);

function expectThrottled(body: unknown, retryAfter: string | undefined, windowSeconds: number) {
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(body).toEqual(err("throttled_error", "throttled", `Request was throttled. Expected available in ${seconds} seconds.`));
}

const randomAddress = () => `198.51.${randomInt(0, 255)}.${randomInt(1, 254)}`;

const inviteBatch = (request: APIRequestContext, orgId: string, key: string, n: number) =>
  request.post(`/api/organizations/${orgId}/invites/bulk/`, {
    headers: bearer(key),
    data: Array.from({ length: n }, () => ({ target_email: uniqueEmail("limited"), send_email: false })),
  });

test.describe("abuse limits answer 429 with Retry-After, counted per organization or per client", () => {
  test("invitations per organization per hour", async ({ request }) => {
    test.setTimeout(60_000);
    await awayFromWindowEdge(3600, 30);
    const { org, ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    for (let made = 0; made < INVITES_PER_HOUR; made += 20) {
      await expectOk(await inviteBatch(request, org.id, ownerKey, Math.min(20, INVITES_PER_HOUR - made)), 201);
    }
    const over = await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: uniqueEmail("over") } });
    expect(over.status()).toBe(429);
    expectThrottled(await over.json(), over.headers()["retry-after"], 3600);
    // A refused invitation is not created, and a bulk request over the limit creates none of its items.
    expect((await inviteBatch(request, org.id, ownerKey, 2)).status()).toBe(429);
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey) }))).count).toBe(INVITES_PER_HOUR);
    // Another organization has its own count.
    await expectOk(await inviteBatch(request, other.org.id, other.ownerKey, 1), 201);
  });

  test("sign-in attempts per client address per minute, the address taken from the trusted proxy's X-Forwarded-For", async ({ request }) => {
    test.setTimeout(60_000);
    await awayFromWindowEdge(60, 20);
    const client = randomAddress();
    const attempt = (address: string) =>
      request.get("/api/auth/callback/oidc?code=x&state=y", { headers: { "X-Forwarded-For": address }, maxRedirects: 0 });
    for (let sent = 0; sent < SIGNINS_PER_MINUTE; sent += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, SIGNINS_PER_MINUTE - sent) }, () => attempt(client)));
      expect(batch.map((r) => r.status()).filter((s) => s === 429)).toEqual([]);
    }
    const over = await attempt(client);
    expect(over.status()).toBe(429);
    expectThrottled(await over.json(), over.headers()["retry-after"], 60);
    // What a client claims in front of the proxy's entry is not believed: the proxy appends the real address.
    expect((await attempt(`203.0.113.1, ${client}`)).status()).toBe(429);
    expect((await attempt(randomAddress())).status()).not.toBe(429);
  });
});
