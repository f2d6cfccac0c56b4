import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession } from "../support/cli";
import { E, err, expectError, expectOk, SITE_URL } from "./helpers";

const sectors = (orgId: string) => `/directory/admin/${orgId}/sectors`;
const apps = (orgId: string, rest = "") => `/api/organizations/${orgId}/oauth_applications/${rest}`;
const subjects = (orgId: string, query = "") => `/api/organizations/${orgId}/pairwise_subjects/${query}`;
const missing = (permission: string) => E.denied(`Missing permission '${permission}'.`);
const sectorError = (detail: string) => err("validation_error", "invalid_input", detail, "sector_identifier_uri");

/** A service account of the organization holding these permissions, and an access token for it. */
async function serviceAccountToken(request: APIRequestContext, orgId: string, key: string, permissions: string[]) {
  const account = await expectOk(await request.post(`/api/organizations/${orgId}/service_accounts/`, { headers: bearer(key), data: { name: "Sectors", permissions } }), 201);
  const basic = Buffer.from(`${encodeURIComponent(account.client_id)}:${encodeURIComponent(account.client_secret)}`).toString("base64");
  const res = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials" },
    headers: { Authorization: `Basic ${basic}`, "X-Forwarded-For": `198.51.100.${1 + (randomBytes(1)[0] % 250)}` },
  });
  return (await expectOk(res)).access_token as string;
}

async function createApp(request: APIRequestContext, orgId: string, key: string, data: Record<string, unknown>) {
  return request.post(apps(orgId), { headers: bearer(key), data });
}

/** Serves sector identifier documents on 127.0.0.1 (the suite's server may reach private addresses). */
let documents: Record<string, unknown> = {};
let server: Server;
let base = "";

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const doc = documents[req.url ?? ""];
    if (doc === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test.describe("OIDC sectors and pairwise subjects over HTTP", () => {
  test("sectors: a session, a key with directory:read and a service account with org.directory.update read them; members, narrow keys and other organizations' accounts do not", async ({ request }) => {
    const { org, owner, ownerKey, members: [admin, member] } = await makeOrganization([8, 1]);
    expect(await expectOk(await request.get(sectors(org.id), { headers: bearer(ownerKey) }))).toEqual([]);
    for (const [name, uris] of [
      ["Zeta", ["https://zeta.example/cb"]],
      ["Alpha", ["https://alpha.example/cb", "https://alpha.example/again"]],
      ["Spread", ["https://one.example/cb", "https://two.example/cb"]],
    ] as const) {
      await expectOk(await createApp(request, org.id, ownerKey, { name, redirect_uris_list: uris }), 201);
    }
    const expected = ["alpha.example", "zeta.example"];
    expect(await expectOk(await request.get(sectors(org.id), { headers: { cookie: await makeSession(owner.email) } }))).toEqual(expected);
    expect(await expectOk(await request.get(sectors(org.id), { headers: bearer(await makeKey(admin.email, "directory:read")) }))).toEqual(expected);
    await expectError(await request.get(sectors(org.id), { headers: bearer(await makeKey(admin.email, "organization:read")) }), 403, E.missingScope("directory:read"));
    await expectError(await request.get(sectors(org.id), { headers: bearer(member.key) }), 403, missing("org.directory.update"));
    await expectError(await request.get(sectors(org.id)), 401, E.notAuthenticated);

    const token = await serviceAccountToken(request, org.id, ownerKey, ["org.directory.update"]);
    expect(await expectOk(await request.get(sectors(org.id), { headers: bearer(token) }))).toEqual(expected);
    const reader = await serviceAccountToken(request, org.id, ownerKey, ["org.directory.get"]);
    await expectError(await request.get(sectors(org.id), { headers: bearer(reader) }), 403, missing("org.directory.update"));

    const other = await makeOrganization();
    const stranger = await serviceAccountToken(request, other.org.id, other.ownerKey, ["org.directory.update"]);
    await expectError(await request.get(sectors(org.id), { headers: bearer(stranger) }), 404, E.orgNotFound);
    expect(await expectOk(await request.get(sectors(other.org.id), { headers: bearer(stranger) }))).toEqual([]);
    const post = await request.post(sectors(org.id), { headers: bearer(ownerKey), data: {} });
    expect(post.status()).toBe(405);
  });

  test("sector_identifier_uri: accepted when its JSON array lists every redirect URI (its host is then the sector), refused on the field otherwise", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    documents = { "/sector.json": ["https://a.example/cb", "https://b.example/cb"], "/short.json": ["https://a.example/cb"], "/object.json": { uris: [] } };
    const data = { name: "Multi", redirect_uris_list: ["https://a.example/cb", "https://b.example/cb"] };
    const created = await expectOk(await createApp(request, org.id, ownerKey, { ...data, sector_identifier_uri: `${base}/sector.json` }), 201);
    expect(created.sector_identifier_uri).toBe(`${base}/sector.json`);
    expect(await expectOk(await request.get(sectors(org.id), { headers: bearer(ownerKey) }))).toEqual(["127.0.0.1"]);

    await expectError(
      await createApp(request, org.id, ownerKey, { ...data, sector_identifier_uri: `${base}/short.json` }),
      400,
      sectorError(`The sector identifier URI's list does not include the redirect URI "https://b.example/cb"; it must list every redirect URI of the application.`),
    );
    await expectError(await createApp(request, org.id, ownerKey, { ...data, sector_identifier_uri: `${base}/object.json` }), 400, sectorError("The sector identifier URI must answer a JSON array of URIs (strings)."));
    await expectError(await createApp(request, org.id, ownerKey, { ...data, sector_identifier_uri: `${base}/absent.json` }), 400, sectorError("Could not fetch the sector identifier URI: the server answered HTTP 404."));
    await expectError(
      await createApp(request, org.id, ownerKey, { ...data, sector_identifier_uri: "http://sector.example/s.json" }),
      400,
      sectorError('The sector identifier URI must use https (http only on localhost, 127.0.0.1 or [::1]): "http://sector.example/s.json".'),
    );
    const patched = await request.patch(apps(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { redirect_uris_list: ["https://c.example/cb"] } });
    await expectError(patched, 400, sectorError(`The sector identifier URI's list does not include the redirect URI "https://c.example/cb"; it must list every redirect URI of the application.`));
    const cleared = await expectOk(await request.patch(apps(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { sector_identifier_uri: null } }));
    expect(cleared.sector_identifier_uri).toBeNull();
    expect(await expectOk(await request.get(sectors(org.id), { headers: bearer(ownerKey) }))).toEqual([]);
  });

  test("pairwise subjects: a page per sector and a CSV of every member × sector for administrators, the export recorded in the activity log", async ({ request }) => {
    const { org, owner, ownerKey, members: [admin, member] } = await makeOrganization([8, 1]);
    await expectOk(await createApp(request, org.id, ownerKey, { name: "Billing", redirect_uris_list: ["https://billing.example/cb"] }), 201);
    await expectOk(await createApp(request, org.id, ownerKey, { name: "Reports", redirect_uris_list: ["https://reports.example/cb"] }), 201);
    const adminKey = await makeKey(admin.email, "directory:read");

    const page = await expectOk(await request.get(subjects(org.id, "?sector=billing.example&limit=2"), { headers: bearer(adminKey) }));
    expect(page).toMatchObject({ count: 3, previous: null });
    expect(page.next).toContain("offset=2");
    for (const row of page.results) {
      expect(row).toEqual({ user_id: expect.any(String), email: expect.any(String), sector: "billing.example", subject: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    const rest = await expectOk(await request.get(page.next, { headers: bearer(adminKey) }));
    const billing = [...page.results, ...rest.results];
    expect(billing.map((r: { email: string }) => r.email).sort()).toEqual([owner.email, admin.email, member.email].sort());
    const reports = await expectOk(await request.get(subjects(org.id, "?sector=reports.example"), { headers: { cookie: await makeSession(owner.email) } }));
    for (const row of reports.results) expect(billing.find((b: { user_id: string }) => b.user_id === row.user_id).subject).not.toBe(row.subject);
    const again = await expectOk(await request.get(subjects(org.id, "?sector=billing.example&limit=2"), { headers: bearer(ownerKey) }));
    expect(again.results).toEqual(page.results);

    await expectError(await request.get(subjects(org.id, "?sector=nowhere.example"), { headers: bearer(adminKey) }), 400, E.invalid('No application of this organization has the sector "nowhere.example".', "sector"));
    await expectError(await request.get(subjects(org.id), { headers: bearer(adminKey) }), 400, E.required("sector"));
    await expectError(await request.get(subjects(org.id, "?sector=billing.example"), { headers: bearer(member.key) }), 403, missing("org.directory.update"));
    await expectError(await request.post(subjects(org.id, "export/"), { headers: bearer(member.key) }), 403, missing("org.directory.update"));
    await expectError(await request.post(subjects(org.id, "export/"), { headers: bearer(await makeKey(admin.email, "organization:read")) }), 403, E.missingScope("directory:read"));
    expect((await request.get(subjects(org.id, "export/"), { headers: bearer(adminKey) })).status()).toBe(405);
    const other = await makeOrganization();
    await expectError(await request.get(subjects(org.id, "?sector=billing.example"), { headers: bearer(other.ownerKey) }), 403, missing("org.directory.update"));

    const csv = await request.post(subjects(org.id, "export/"), { headers: bearer(adminKey) });
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers()["content-disposition"]).toContain(`pairwise-subjects-${org.slug}-`);
    const lines = (await csv.text()).split("\r\n");
    expect(lines.pop()).toBe("");
    const byKey = (rows: { user_id: string; email: string; sector: string; subject: string }[]) => rows.map((r) => `${r.user_id},${r.email},${r.sector},${r.subject}`);
    expect(lines[0]).toBe("user_id,email,sector,subject");
    expect(lines.slice(1).sort()).toEqual([...byKey(billing), ...byKey(reports.results)].sort());

    const one = await request.post(subjects(org.id, "export/"), { headers: { cookie: await makeSession(owner.email), origin: SITE_URL }, data: { sector: "reports.example" } });
    expect((await one.text()).split("\r\n").slice(1, -1).sort()).toEqual(byKey(reports.results).sort());
    const crossSite = await request.post(subjects(org.id, "export/"), { headers: { cookie: await makeSession(owner.email), origin: "https://evil.example" } });
    await expectError(crossSite, 403, E.csrf);

    const log = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/?activity=pairwise_subjects_exported`, { headers: bearer(ownerKey) }));
    expect(log.count).toBe(2);
    expect(log.results[1]).toMatchObject({ scope: "Organization", item_id: org.id, user: { email: admin.email } });
    expect(log.results[0]).toMatchObject({ scope: "Organization", item_id: org.id, user: { email: owner.email } });
  });
});
