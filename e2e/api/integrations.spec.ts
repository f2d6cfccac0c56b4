import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./recording";
import { bearer, makeOrganization, makeSession } from "../support/cli";
import { E, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

/**
 * The test server runs with ORGDECK_ALLOW_PRIVATE_URLS=1 and ORGDECK_WEBHOOK_RETRY_BASE_SECONDS=1
 * (playwright.config.ts), so webhooks may point at this receiver on 127.0.0.1 and a failed attempt is retried within
 * about a second.
 */
type Received = { path: string; headers: IncomingHttpHeaders; body: string };

let server: Server;
let base = "";
const received: Received[] = [];
/** Statuses to answer per receiver path, in order; 200 once they run out. */
const plans = new Map<string, number[]>();

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      res.statusCode = plans.get(path)?.shift() ?? 200;
      res.end(res.statusCode === 200 ? "thanks" : "try again later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const integrations = (orgId: string, rest = "") => `/api/organizations/${orgId}/integrations/${rest}`;
const raw400 = async (res: { status(): number; json(): Promise<unknown> }, detail: string) =>
  expect({ status: res.status(), body: await res.json() }).toEqual({ status: 400, body: { detail } });

/** A fresh receiver path, so concurrent tests never read each other's requests. */
const hookPath = () => `/hook/${randomUUID()}`;
const at = (path: string) => received.filter((r) => r.path === path);

/** The Standard Webhooks check a receiver makes: HMAC-SHA256 under the secret's bytes over `id.timestamp.body`. */
function verify(secret: string, r: Received) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`;
  const expected = `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
  return String(r.headers["webhook-signature"]).split(" ").includes(expected);
}

test.describe("organization integrations over HTTP", () => {
  test("create (201, secret once), list and retrieve for members, writes refused to members, 404s, delete 204", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const created = await expectOk(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "webhook", config: { url: `${base}${hookPath()}`, scopes: ["OrganizationInvite"] } } }), 201);
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      kind: "webhook",
      integration_id: null,
      config: { type: "connectable", url: expect.stringContaining(base), scopes: ["OrganizationInvite"] },
      created_at: expect.stringMatching(isoDate),
      updated_at: expect.stringMatching(isoDate),
      created_by: expect.objectContaining({ uuid: owner.uuid, email: owner.email }),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const { secret: _secret, ...withoutSecret } = created;
    expect(await expectOk(await request.get(integrations(org.id, `${created.id}/`), { headers: bearer(member.key) }))).toEqual(withoutSecret);
    const list = await expectOk(await request.get(integrations(org.id), { headers: bearer(member.key) }));
    expect(list).toEqual({ count: 1, next: null, previous: null, results: [withoutSecret] });

    await expectError(await request.post(integrations(org.id), { headers: bearer(member.key), data: { kind: "webhook", config: { url: `${base}/x` } } }), 403, E.levelInsufficient);
    await expectError(await request.delete(integrations(org.id, `${created.id}/`), { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectError(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "vercel", config: { url: `${base}/x` } } }), 400, E.invalidChoice("vercel", "kind"));
    await expectError(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "webhook", config: { url: "ftp://example.com/x" } } }), 400, E.invalid("The URL must start with https:// or http://.", "config__url"));
    await expectError(await request.get(integrations(org.id, `${randomUUID()}/`), { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.get(integrations(org.id, "nope/"), { headers: bearer(ownerKey) }), 404, E.notFound);
    const other = await makeOrganization();
    await expectError(await request.get(integrations(other.org.id, `${created.id}/`), { headers: bearer(other.ownerKey) }), 404, E.notFound);
    await expectError(await request.get(integrations(other.org.id), { headers: bearer(ownerKey) }), 403, E.denied());

    await expectOk(await request.delete(integrations(org.id, `${created.id}/`), { headers: bearer(ownerKey) }), 204);
    await expectError(await request.get(integrations(org.id, `${created.id}/`), { headers: bearer(ownerKey) }), 404, E.notFound);
  });

  test("environment mapping: personal API keys refused, members 403, raw 400 for another organization's project", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const hook = await expectOk(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "webhook", config: { url: `${base}${hookPath()}` } } }), 201);
    const mapping = integrations(org.id, `${hook.id}/environment-mapping/`);
    await expectError(await request.patch(mapping, { headers: bearer(ownerKey), data: { production: 1 } }), 403, E.denied("This action does not support personal API key access"));
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const memberCookie = { Cookie: await makeSession(member.email), Origin: SITE_URL };
    await expectError(await request.patch(mapping, { headers: memberCookie, data: { production: 1 } }), 403, E.levelInsufficient);
    await raw400(await request.patch(mapping, { headers: cookie, data: { production: 2_000_000_000 } }), "Project 2000000000 does not belong to this organization.");
    await expectError(await request.patch(mapping, { headers: cookie, data: {} }), 400, E.required("production"));
    await expectError(await request.patch(integrations(org.id, `${randomUUID()}/environment-mapping/`), { headers: cookie, data: { production: 1 } }), 404, E.notFound);
  });

  test("environment mapping: a project of the organization is stored for every environment not given", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    // Projects are made through their own API; on a server without it, the unit tests cover this case.
    const project = await request.post(`/api/organizations/${org.id}/projects/`, { headers: bearer(ownerKey), data: { name: `P ${randomUUID().slice(0, 8)}` } });
    test.skip(project.status() !== 201, "this server has no projects API");
    const { id } = (await project.json()) as { id: number };
    const hook = await expectOk(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "webhook", config: { url: `${base}${hookPath()}` } } }), 201);
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const mapped = await expectOk(await request.patch(integrations(org.id, `${hook.id}/environment-mapping/`), { headers: cookie, data: { production: id } }));
    expect(mapped.config.environment_mapping).toEqual({ production: id, preview: id, development: id });
  });

  test("end to end: an invitation is delivered signed; a 500 is retried with the same webhook-id; the test event; the log", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const path = hookPath();
    plans.set(path, [500]);
    const hook = await expectOk(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "webhook", config: { url: `${base}${path}`, scopes: ["OrganizationInvite"] } } }), 201);
    const invite = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: `hooked-${randomUUID().slice(0, 8)}@example.test` } }), 201);

    await expect.poll(() => at(path).length, { timeout: 15_000 }).toBe(2);
    const [first, second] = at(path);
    for (const r of [first, second]) expect(verify(hook.secret, r), "signature verifies").toBe(true);
    expect(first.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(second.body).toBe(first.body);
    const event = JSON.parse(first.body);
    expect(event).toMatchObject({ type: "OrganizationInvite.created", data: { scope: "OrganizationInvite", activity: "created", item_id: invite.id } });
    expect(Math.abs(Number(second.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);

    const deliveries = integrations(org.id, `${hook.id}/deliveries/`);
    await expect.poll(async () => (await expectOk(await request.get(deliveries, { headers: bearer(ownerKey) }))).results[0]?.status).toBe("delivered");
    const log = await expectOk(await request.get(deliveries, { headers: bearer(ownerKey) }));
    expect(log.count).toBe(1);
    expect(log.results[0]).toMatchObject({
      webhook_id: first.headers["webhook-id"],
      event_type: "OrganizationInvite.created",
      status: "delivered",
      attempts: 2,
      attempt_log: [
        { attempt: 1, status_code: 500, response_excerpt: "try again later", error: expect.any(String) },
        { attempt: 2, status_code: 200, response_excerpt: "thanks", error: null },
      ],
    });
    expect((await expectOk(await request.get(deliveries, { headers: bearer(ownerKey), params: { status: "failed" } }))).count).toBe(0);
    await expectError(await request.get(deliveries, { headers: bearer(member.key) }), 403, E.levelInsufficient);

    // The test event: from a session only, delivered like any other.
    await expectError(await request.post(integrations(org.id, `${hook.id}/test/`), { headers: bearer(ownerKey) }), 403, E.denied("This action does not support personal API key access"));
    const cookie = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const sent = await expectOk(await request.post(integrations(org.id, `${hook.id}/test/`), { headers: cookie }), 201);
    expect(sent).toMatchObject({ event_type: "webhook.test", status: "pending", webhook_id: expect.stringMatching(/^msg_/) });
    await expect.poll(() => at(path).filter((r) => r.headers["webhook-id"] === sent.webhook_id).length, { timeout: 15_000 }).toBe(1);
    expect(JSON.parse(at(path).at(-1)!.body)).toMatchObject({ type: "webhook.test", data: { integration_id: hook.id } });

    // A rotated secret signs what follows; the delivered event was not sent a third time.
    const rotated = await expectOk(await request.post(integrations(org.id, `${hook.id}/rotate-secret/`), { headers: bearer(ownerKey) }));
    expect(rotated.secret).not.toBe(hook.secret);
    await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: `second-${randomUUID().slice(0, 8)}@example.test` } });
    await expect.poll(() => at(path).length, { timeout: 15_000 }).toBe(4);
    expect(verify(rotated.secret, at(path)[3])).toBe(true);
    expect(at(path).filter((r) => r.headers["webhook-id"] === first.headers["webhook-id"])).toHaveLength(2);
  });

  test("scopes are honoured, the URL and scopes can change, and a failed delivery is redelivered with its webhook-id", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const path = hookPath();
    const hook = await expectOk(await request.post(integrations(org.id), { headers: bearer(ownerKey), data: { kind: "webhook", config: { url: `${base}${path}`, scopes: ["Organization"] } } }), 201);
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: `ignored-${randomUUID().slice(0, 8)}@example.test` } }), 201);
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { name: "Renamed" } }));
    await expect.poll(() => at(path).length, { timeout: 15_000 }).toBe(1);
    expect(JSON.parse(at(path)[0].body).type).toBe("Organization.updated");

    const movedPath = hookPath();
    const moved = await expectOk(await request.patch(integrations(org.id, `${hook.id}/`), { headers: bearer(ownerKey), data: { config: { url: `${base}${movedPath}` } } }));
    expect(moved.config).toEqual({ type: "connectable", url: `${base}${movedPath}`, scopes: ["Organization"] });
    const [delivered] = (await expectOk(await request.get(integrations(org.id, `${hook.id}/deliveries/`), { headers: bearer(ownerKey) }))).results;
    await expect.poll(async () => (await expectOk(await request.get(integrations(org.id, `${hook.id}/deliveries/`), { headers: bearer(ownerKey) }))).results[0].status).toBe("delivered");
    const again = await expectOk(await request.post(integrations(org.id, `${hook.id}/deliveries/${delivered.webhook_id}/redeliver/`), { headers: bearer(ownerKey) }));
    expect(again).toMatchObject({ id: delivered.id, status: "pending" });
    await expect.poll(() => at(movedPath).length, { timeout: 15_000 }).toBe(1);
    expect(at(movedPath)[0].headers["webhook-id"]).toBe(delivered.webhook_id);
    await expectError(await request.post(integrations(org.id, `${hook.id}/deliveries/${randomUUID()}/redeliver/`), { headers: bearer(ownerKey) }), 404, E.notFound);
  });
});
