import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeOrganization, makeSession, makeSessionSignedInAgo } from "../support/cli";
import { E, expectError, expectOk, SITE_URL } from "./helpers";

/**
 * One export end to end: the server's job runner delivers an organization's sign-in sessions to an HTTP receiver on
 * 127.0.0.1 (ORGDECK_ALLOW_PRIVATE_URLS=1), which checks the Standard Webhooks signature of every batch.
 */
type Batch = { batch_id: string; export_id: string; interval_start: string; interval_end: string; rows: Array<Record<string, unknown>> };
type Received = { headers: IncomingHttpHeaders; body: string; valid: boolean };

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
let server: Server;
let base = "";
const received: Received[] = [];

function signatureValid(headers: IncomingHttpHeaders, body: string) {
  const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
  const expected = `v1,${createHmac("sha256", key).update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${body}`).digest("base64")}`;
  return String(headers["webhook-signature"] ?? "").split(" ").includes(expected);
}

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const valid = signatureValid(req.headers, body);
      received.push({ headers: req.headers, body, valid });
      res.writeHead(valid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const HOUR = 3_600_000;

async function runsWhenSettled(request: APIRequestContext, url: string, key: string, count: number) {
  let runs: Array<{ id: string; status: string; records_completed: number | null; interval_start: string; latest_error: string | null }> = [];
  await expect
    .poll(
      async () => {
        runs = (await expectOk(await request.get(url, { headers: bearer(key) }))).results;
        return runs.filter((r) => r.status === "completed" || r.status === "failed").length;
      },
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe(count);
  return runs;
}

test("an export of sessions reaches a signing HTTP receiver: backfill, runs, logs, retry with the same batch ids", async ({ request }) => {
  test.setTimeout(60_000);
  const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
  // Sessions signed in 90 and 150 minutes ago lie in hours that have ended; the one made now does not.
  await makeSessionSignedInAgo(owner.email, 90 * 60);
  await makeSessionSignedInAgo(member.email, 150 * 60);
  const path = `/in/${org.id}`;
  const created = await expectOk(
    await request.post(`/api/organizations/${org.id}/batch_exports/`, {
      headers: bearer(ownerKey),
      data: { name: "Sessions", model: "sessions", interval: "hour", destination: { type: "HTTP", config: { url: `${base}${path}`, secret: SECRET } } },
    }),
    201,
  );
  expect(JSON.stringify(created)).not.toContain(SECRET.slice(6));
  // A PATCH without the secret keeps it: the batches below are still signed with it.
  await expectOk(await request.patch(`/api/organizations/${org.id}/batch_exports/${created.id}/`, { headers: bearer(ownerKey), data: { destination: { type: "HTTP", config: { url: `${base}${path}` } } } }));

  const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const start = new Date(end.getTime() - 3 * HOUR);
  const backfill = await expectOk(
    await request.post(`/api/organizations/${org.id}/batch_exports/${created.id}/backfill/`, { headers: bearer(ownerKey), data: { start_at: start.toISOString(), end_at: end.toISOString() } }),
    201,
  );
  expect(backfill).toMatchObject({ batch_export_id: created.id, total_runs: 3, status: "running" });

  const runsUrl = `/api/organizations/${org.id}/batch_exports/${created.id}/runs/`;
  const runs = await runsWhenSettled(request, runsUrl, ownerKey, 3);
  expect(runs.map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
  expect(runs.map((r) => r.interval_start)).toEqual([...runs.map((r) => r.interval_start)].sort().reverse());
  expect(runs.reduce((n, r) => n + (r.records_completed ?? 0), 0)).toBe(2);

  const mine = received.filter((r) => r.headers["webhook-id"] && (JSON.parse(r.body) as Batch).export_id === created.id);
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.every((r) => r.valid)).toBe(true);
  const rows = mine.flatMap((r) => (JSON.parse(r.body) as Batch).rows);
  expect(rows.map((r) => r.email).sort()).toEqual([owner.email, member.email].sort());
  expect(rows.every((r) => !("token_hash" in r))).toBe(true);

  const backfills = await expectOk(await request.get(`/api/organizations/${org.id}/batch_exports/${created.id}/backfills/`, { headers: bearer(member.key) }));
  expect(backfills.results).toEqual([{ ...backfill, status: "completed", finished_runs: 3, finished_at: expect.any(String) }]);

  const session = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
  const logs = await expectOk(await request.get(`/api/organizations/${org.id}/batch_exports/${created.id}/logs/?level=info&search=completed`, { headers: session }));
  expect(logs.count).toBe(3);
  expect(logs.results[0]).toEqual({ log_source_id: created.id, instance_id: expect.any(String), timestamp: expect.any(String), level: "INFO", message: expect.stringContaining("Run completed") });

  const withRows = runs.find((r) => (r.records_completed ?? 0) > 0)!;
  const idsBefore = mine.map((r) => r.headers["webhook-id"]);
  const retried = await expectOk(await request.post(`${runsUrl}${withRows.id}/retry/`, { headers: bearer(ownerKey) }));
  expect(retried).toMatchObject({ id: withRows.id, status: "scheduled", attempts: 0 });
  await runsWhenSettled(request, runsUrl, ownerKey, 3);
  const again = received.filter((r) => (JSON.parse(r.body) as Batch).export_id === created.id).slice(mine.length);
  expect(again.length).toBeGreaterThan(0);
  expect(again.every((r) => r.valid && idsBefore.includes(r.headers["webhook-id"]))).toBe(true);

  await expectError(await request.post(`${runsUrl}${randomUUID()}/retry/`, { headers: bearer(ownerKey) }), 404, E.notFound);
  await expectError(await request.post(`${runsUrl}${withRows.id}/retry/`, { headers: bearer(member.key) }), 403, E.levelInsufficient);
  await expectError(
    await request.post(`/api/organizations/${org.id}/batch_exports/${created.id}/backfill/`, { headers: bearer(ownerKey), data: { start_at: end.toISOString(), end_at: start.toISOString() } }),
    400,
    E.invalid("end_at must be later than start_at.", "end_at"),
  );
  const soon = await request.post(`/api/organizations/${org.id}/batch_exports/${created.id}/backfill/`, { headers: bearer(ownerKey), data: { start_at: "soon", end_at: end.toISOString() } });
  expect({ status: soon.status(), body: await soon.json() }).toMatchObject({ status: 400, body: { code: "invalid_input", attr: "start_at" } });
});

test("connection test steps of a new HTTP destination reach the receiver, a signed probe included", async ({ request }) => {
  const { org, owner } = await makeOrganization();
  const session = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
  const destination = { type: "HTTP", config: { url: `${base}/probe/${org.id}`, secret: SECRET } };
  const { steps } = await expectOk(await request.get(`/api/organizations/${org.id}/batch_exports/test/?destination=HTTP`, { headers: session }));
  for (let step = 0; step < steps.length; step += 1) {
    const result = await expectOk(await request.post(`/api/organizations/${org.id}/batch_exports/run_test_step_new/`, { headers: session, data: { name: "Probe", model: "events", destination, step } }));
    expect(result).toEqual({ name: steps[step].name, result: { status: "Passed", message: null } });
  }
  const probes = received.filter((r) => JSON.parse(r.body).test === true);
  expect(probes.length).toBeGreaterThan(0);
  expect(probes.every((r) => r.valid)).toBe(true);
});
