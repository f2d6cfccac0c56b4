import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession } from "../support/cli";
import { E, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

/** The suite's server runs with ORGDECK_ALLOW_PRIVATE_URLS=1, so destinations may be http on 127.0.0.1. */
const exportsOf = (orgId: string, rest = "") => `/api/organizations/${orgId}/batch_exports/${rest}`;
const POSTGRES = { type: "Postgres", config: { host: "warehouse.example.com", database: "analytics", user: "loader", password: "pg-s3cret-pw", table_name: "events" } };
const definition = (extra: Record<string, unknown> = {}) => ({ name: `Export ${randomBytes(3).toString("hex")}`, interval: "hour", destination: POSTGRES, ...extra });

async function sessionOf(email: string) {
  return { Cookie: await makeSession(email), Origin: SITE_URL };
}

/** Status and body, the body read as text: the `test` endpoint's 400 and 404 have none. */
async function emptyAnswer(res: { status(): number; text(): Promise<string> }, status: number) {
  expect({ status: res.status(), body: await res.text() }).toEqual({ status, body: "" });
}

test.describe("batch exports over HTTP", () => {
  test("create 201, list, retrieve with latest_runs, PATCH keeping the secret write-only, DELETE 204", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const created = await expectOk(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition({ filters: { scope: ["OrganizationInvite"] } }) }), 201);
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      name: expect.any(String),
      model: "events",
      destination: { type: "Postgres", config: { host: "warehouse.example.com", port: 5432, database: "analytics", user: "loader", schema: "public", table_name: "events", has_self_signed_cert: false } },
      interval: "hour",
      paused: false,
      last_paused_at: null,
      start_at: null,
      end_at: null,
      filters: { scope: ["OrganizationInvite"] },
      created_at: expect.stringMatching(isoDate),
    });
    const fetched = await expectOk(await request.get(exportsOf(org.id, `${created.id}/`), { headers: bearer(member.key) }));
    expect(fetched).toEqual({ ...created, latest_runs: [] });
    expect(await expectOk(await request.get(exportsOf(org.id), { headers: bearer(member.key) }))).toEqual({ count: 1, next: null, previous: null, results: [created] });

    const patched = await expectOk(await request.patch(exportsOf(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { name: "Renamed", destination: { type: "Postgres", config: { ...POSTGRES.config, password: undefined, table_name: "audit" } } } }));
    expect(patched).toEqual({ ...created, name: "Renamed", destination: { ...created.destination, config: { ...created.destination.config, table_name: "audit" } } });
    for (const body of [created, fetched, patched]) expect(JSON.stringify(body)).not.toContain("pg-s3cret-pw");
    await expectError(await request.patch(exportsOf(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { interval: "minute" } }), 400, E.invalidChoice("minute", "interval"));

    expect(await expectOk(await request.delete(exportsOf(org.id, `${created.id}/`), { headers: bearer(ownerKey) }), 204)).toBeNull();
    await expectError(await request.get(exportsOf(org.id, `${created.id}/`), { headers: bearer(ownerKey) }), 404, E.notFound);
  });

  test("members read, administrators write; scopes; another organization's export is 404; validation", async ({ request }) => {
    const { org, owner, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    await expectError(await request.post(exportsOf(org.id), { headers: bearer(member.key), data: definition() }), 403, E.levelInsufficient);
    const created = await expectOk(await request.post(exportsOf(org.id), { headers: bearer(admin.key), data: definition() }), 201);
    await expectError(await request.post(exportsOf(org.id, `${created.id}/pause/`), { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectError(await request.delete(exportsOf(org.id, `${created.id}/`), { headers: bearer(member.key) }), 403, E.levelInsufficient);

    const readKey = await makeKey(owner.email, "batch_export:read");
    expect((await expectOk(await request.get(exportsOf(org.id), { headers: bearer(readKey) }))).count).toBe(1);
    await expectError(await request.post(exportsOf(org.id), { headers: bearer(readKey), data: definition() }), 403, E.missingScope("batch_export:write"));
    await expectError(await request.get(exportsOf(org.id), { headers: bearer(await makeKey(owner.email, "organization:read")) }), 403, E.missingScope("batch_export:read"));

    const other = await makeOrganization();
    await expectError(await request.get(exportsOf(other.org.id, `${created.id}/`), { headers: bearer(other.ownerKey) }), 404, E.notFound);
    await expectError(await request.get(exportsOf(other.org.id), { headers: bearer(ownerKey) }), 403, E.denied());
    await expectError(await request.get(exportsOf(org.id, "not-a-uuid/"), { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.post(exportsOf(org.id, `${randomUUID()}/pause/`), { headers: bearer(ownerKey) }), 404, E.notFound);

    await expectError(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition({ destination: { type: "Snowflake", config: {} } }) }), 400, E.invalidChoice("Snowflake", "destination__type"));
    const ftp = await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition({ destination: { type: "HTTP", config: { url: "ftp://example.com/in" } } }) });
    expect(ftp.status()).toBe(400);
    expect(await ftp.json()).toMatchObject({ type: "validation_error", code: "invalid_input", attr: "destination" });
    await expectError(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition({ model: "persons", filters: { scope: "X" } }) }), 400, E.invalid('The filter "scope" does not apply to the model "persons".', "filters__scope"));
    await expectError(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition({ paused: "yes" }) }), 400, E.notABoolean("paused"));
    await expectError(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition({ name: undefined }) }), 400, E.required("name"));
  });

  test("pause and unpause answer {paused}; unpause takes an optional backfill", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await expectOk(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition() }), 201);
    expect(await expectOk(await request.post(exportsOf(org.id, `${created.id}/pause/`), { headers: bearer(ownerKey), data: { name: "ignored" } }))).toEqual({ paused: true });
    const paused = await expectOk(await request.get(exportsOf(org.id, `${created.id}/`), { headers: bearer(ownerKey) }));
    expect(paused).toMatchObject({ paused: true, last_paused_at: expect.stringMatching(isoDate), name: created.name });
    expect(await expectOk(await request.post(exportsOf(org.id, `${created.id}/unpause/`), { headers: bearer(ownerKey), data: { backfill: true } }))).toEqual({ paused: false });
    expect(await expectOk(await request.post(exportsOf(org.id, `${created.id}/unpause/`), { headers: bearer(ownerKey) }))).toEqual({ paused: false });
    await expectError(await request.post(exportsOf(org.id, `${created.id}/unpause/`), { headers: bearer(ownerKey), data: { backfill: "yes" } }), 400, E.notABoolean("backfill"));
  });

  test("INTERNAL endpoints: keys refused, `*` included; test's empty 400 and 404; test steps for sessions", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    const created = await expectOk(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition() }), 201);
    const missing = E.missingScope("INTERNAL");
    await expectError(await request.get(exportsOf(org.id, "test/?destination=HTTP"), { headers: bearer(ownerKey) }), 403, missing);
    await expectError(await request.post(exportsOf(org.id, "run_test_step_new/"), { headers: bearer(ownerKey), data: { ...definition(), step: 0 } }), 403, missing);
    await expectError(await request.post(exportsOf(org.id, `${created.id}/run_test_step/`), { headers: bearer(await makeKey(owner.email, "batch_export:write")), data: { step: 0 } }), 403, missing);

    const session = await sessionOf(owner.email);
    await emptyAnswer(await request.get(exportsOf(org.id, "test/"), { headers: session }), 400);
    await emptyAnswer(await request.get(exportsOf(org.id, "test/?destination=Snowflake"), { headers: session }), 404);
    const steps = await expectOk(await request.get(exportsOf(org.id, "test/?destination=Postgres"), { headers: await sessionOf(member.email) }));
    expect(steps.steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps.steps) expect(step).toEqual({ name: expect.any(String), description: expect.any(String) });

    // Nothing listens on the stored host's port 1 of 127.0.0.1: the step fails with a message, as a 200.
    const result = await expectOk(await request.post(exportsOf(org.id, `${created.id}/run_test_step/`), { headers: session, data: { step: 0, destination: { type: "Postgres", config: { host: "localhost", port: 1 } } } }));
    expect(result).toEqual({ name: expect.any(String), result: { status: "Failed", message: expect.any(String) } });
    const outOfRange = await request.post(exportsOf(org.id, "run_test_step_new/"), { headers: session, data: { destination: POSTGRES, step: steps.steps.length } });
    expect({ status: outOfRange.status(), body: await outOfRange.json() }).toMatchObject({ status: 400, body: { code: "invalid_input", attr: "step" } });
    await expectError(await request.post(exportsOf(org.id, `${created.id}/run_test_step/`), { headers: await sessionOf(member.email), data: { step: 0 } }), 403, E.levelInsufficient);
  });

  test("logs: personal API keys refused; limit 1 to 500; the paginated envelope", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const created = await expectOk(await request.post(exportsOf(org.id), { headers: bearer(ownerKey), data: definition() }), 201);
    const logs = exportsOf(org.id, `${created.id}/logs/`);
    await expectError(await request.get(logs, { headers: bearer(ownerKey) }), 403, E.denied("This action does not support personal API key access"));
    const session = await sessionOf(owner.email);
    await expectError(await request.get(`${logs}?limit=0`, { headers: session }), 400, E.invalid("Ensure this value is greater than or equal to 1.", "limit"));
    await expectError(await request.get(`${logs}?limit=501`, { headers: session }), 400, E.invalid("Ensure this value is less than or equal to 500.", "limit"));
    await expectError(await request.get(`${logs}?limit=many`, { headers: session }), 400, E.invalid("A valid integer is required.", "limit"));
    expect(await expectOk(await request.get(`${logs}?limit=500&level=info,ERROR&search=x`, { headers: session }))).toEqual({ count: 0, next: null, previous: null, results: [] });
    await expectError(await request.get(exportsOf(org.id, `${randomUUID()}/logs/`), { headers: session }), 404, E.notFound);
  });
});
