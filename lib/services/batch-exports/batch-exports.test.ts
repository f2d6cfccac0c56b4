import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { closeDb, getDb } from "../../../db/client";
import { activityLog, batchExports } from "../../../db/schema";
import { ADMIN, MEMBER } from "../../auth/permissions";
import { openSecret } from "../../crypto/secret-box";
import { AppError } from "../../errors";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import {
  createBatchExport,
  deleteBatchExport,
  describeDestinationTest,
  getBatchExport,
  listBatchExportLogs,
  listBatchExports,
  pauseBatchExport,
  runTestStepNew,
  unpauseBatchExport,
  updateBatchExport,
} from "./index";

after(closeDb);

const POSTGRES = { type: "Postgres", config: { host: "warehouse.example.com", database: "analytics", user: "loader", password: "pg-s3cret-pw", table_name: "events" } };
const HTTP = { type: "HTTP", config: { url: "https://hooks.example.com/in", secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==" } };

async function setup() {
  const made = await makeOrganization([MEMBER, ADMIN]);
  return { ...made, owner: sessionOf(made.owner), member: sessionOf(made.members[0]), admin: sessionOf(made.members[1]) };
}

const create = (principal: ReturnType<typeof sessionOf>, orgId: string, body: Record<string, unknown> = {}) =>
  withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "0" }, () => call(createBatchExport, principal, { name: "Warehouse", interval: "hour", destination: POSTGRES, ...body }, orgId));

describe("batch exports", () => {
  test("create: 201 shape, the secret neither in any response nor in the row in clear; an activity entry", async () => {
    const { org, owner, member } = await setup();
    const created = await create(owner, org.id, { filters: { scope: "OrganizationInvite" } });
    assert.deepEqual(Object.keys(created).sort(), ["created_at", "destination", "end_at", "filters", "id", "interval", "last_paused_at", "model", "name", "paused", "start_at"]);
    assert.equal(created.model, "events");
    assert.deepEqual(created.filters, { scope: ["OrganizationInvite"] });
    assert.deepEqual(created.destination, { type: "Postgres", config: { host: "warehouse.example.com", port: 5432, database: "analytics", user: "loader", schema: "public", table_name: "events", has_self_signed_cert: false } });
    const fetched = await call(getBatchExport, member, { id: created.id }, org.id);
    const listed = await call(listBatchExports, member, {}, org.id);
    for (const body of [created, fetched, listed]) assert.ok(!JSON.stringify(body).includes("pg-s3cret-pw"));
    assert.deepEqual(fetched.latest_runs, []);

    const db = await getDb();
    const [row] = await db.select().from(batchExports).where(eq(batchExports.id, created.id));
    assert.ok(row.destinationSecrets && !row.destinationSecrets.includes("pg-s3cret-pw") && !JSON.stringify(row.destinationConfig).includes("pg-s3cret-pw"));
    assert.deepEqual(JSON.parse(await openSecret(db, row.destinationSecrets, `batch_exports.destination_secrets:${row.id}`)), { password: "pg-s3cret-pw" });
    const entries = await db.select().from(activityLog).where(and(eq(activityLog.scope, "BatchExport"), eq(activityLog.itemId, created.id)));
    assert.deepEqual(entries.map((e) => e.activity), ["created"]);
    assert.ok(!JSON.stringify(entries).includes("pg-s3cret-pw"));
  });

  test("members read, only administrators write; another organization's export is 404", async () => {
    const { org, owner, member, admin } = await setup();
    const created = await create(admin, org.id);
    await expectAppError(create(member, org.id), 403, "permission_denied", { detail: "Your organization access level is insufficient." });
    await expectAppError(call(pauseBatchExport, member, { id: created.id }, org.id), 403, "permission_denied");
    await expectAppError(call(deleteBatchExport, member, { id: created.id }, org.id), 403, "permission_denied");
    const other = await setup();
    await expectAppError(call(getBatchExport, other.owner, { id: created.id }, other.org.id), 404, "not_found");
    await expectAppError(call(getBatchExport, owner, { id: "nope" }, org.id), 404, "not_found");
    assert.equal(await call(deleteBatchExport, owner, { id: created.id }, org.id), null);
    await expectAppError(call(getBatchExport, owner, { id: created.id }, org.id), 404, "not_found");
  });

  test("PATCH without the secret keeps it; with it replaces it; another type must bring its own", async () => {
    const { org, owner } = await setup();
    const created = await create(owner, org.id, { destination: HTTP });
    assert.deepEqual(created.destination, { type: "HTTP", config: { url: "https://hooks.example.com/in" } });
    const db = await getDb();
    const secretOf = async () => {
      const [row] = await db.select().from(batchExports).where(eq(batchExports.id, created.id));
      return row.destinationSecrets ? JSON.parse(await openSecret(db, row.destinationSecrets, `batch_exports.destination_secrets:${row.id}`)) : null;
    };
    const patch = (body: Record<string, unknown>) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "0" }, () => call(updateBatchExport, owner, { id: created.id, ...body }, org.id));
    const renamed = await patch({ name: "Renamed", destination: { type: "HTTP", config: { url: "https://other.example.com/in" } } });
    assert.equal(renamed.name, "Renamed");
    assert.deepEqual(renamed.destination.config, { url: "https://other.example.com/in" });
    assert.deepEqual(await secretOf(), { secret: HTTP.config.secret });
    await patch({ destination: { type: "HTTP", config: { url: "https://other.example.com/in", secret: "whsec_bmV3LW5ldy1uZXctbmV3LW5ldy1uZXctbmV3LW5ldyE=" } } });
    assert.deepEqual(await secretOf(), { secret: "whsec_bmV3LW5ldy1uZXctbmV3LW5ldy1uZXctbmV3LW5ldyE=" });
    await expectAppError(patch({ destination: { type: "Postgres", config: { ...POSTGRES.config, password: undefined } } }), 400, "required", { attr: "destination__config__password" });
  });

  test("validation: unsupported types, private URLs, filters of another model, queries, the window", async () => {
    const { org, owner } = await setup();
    await expectAppError(create(owner, org.id, { destination: { type: "Snowflake", config: {} } }), 400, "invalid_choice", { attr: "destination__type" });
    await expectAppError(create(owner, org.id, { destination: { type: "HTTP", config: { url: "http://127.0.0.1:9/in" } } }), 400, "invalid_input", { attr: "destination" });
    await expectAppError(create(owner, org.id, { destination: { ...POSTGRES, config: { ...POSTGRES.config, host: "localhost" } } }), 400, "invalid_input", { attr: "destination" });
    await expectAppError(create(owner, org.id, { interval: "minute" }), 400, "invalid_choice", { attr: "interval" });
    await expectAppError(create(owner, org.id, { model: "persons", filters: { scope: "X" } }), 400, "invalid_input", { attr: "filters__scope" });
    await expectAppError(create(owner, org.id, { model: "persons", filters: { level: 3 } }), 400, "invalid_choice", { attr: "filters__level__0" });
    await expectAppError(create(owner, org.id, { hogql_query: "select 1" }), 400, "invalid_input", { attr: "hogql_query" });
    await expectAppError(create(owner, org.id, { start_at: "2026-01-02T00:00:00Z", end_at: "2026-01-01T00:00:00Z" }), 400, "invalid_input", { attr: "end_at" });
    await expectAppError(create(owner, org.id, { paused: "yes" }), 400, "invalid_input", { attr: "paused" });
    const persons = await create(owner, org.id, { model: "persons", filters: { level: [8, 15] } });
    assert.deepEqual(persons.filters, { level: [8, 15] });
  });

  test("INTERNAL: a `*` key and a key with batch_export:write are refused, sessions pass; test's missing and unknown types", async () => {
    const { org, owner } = await setup();
    for (const scopes of [["*"], ["batch_export:write"]]) {
      await expectAppError(call(describeDestinationTest, apiKeyOf(owner.user!, scopes), { destination: "HTTP" }, org.id), 403, "permission_denied", { detail: "API key missing required scope 'INTERNAL'" });
    }
    const description = await call(describeDestinationTest, owner, { destination: "HTTP" }, org.id);
    assert.ok(description.steps.length >= 2 && description.steps.every((s) => s.name && s.description));
    const missing = call(describeDestinationTest, owner, {}, org.id);
    await assert.rejects(missing, (err: unknown) => err instanceof AppError && err.status === 400 && err.key === "destination_required");
    const unknown = call(describeDestinationTest, owner, { destination: "Snowflake" }, org.id);
    await assert.rejects(unknown, (err: unknown) => err instanceof AppError && err.status === 404 && err.key === "destination_unknown");
    await expectAppError(call(runTestStepNew, owner, { destination: HTTP, step: 7 }, org.id), 400, "invalid_input", { attr: "step" });
  });

  test("logs: personal API keys refused; limit 1 to 500", async () => {
    const { org, owner, member } = await setup();
    const created = await create(owner, org.id);
    await expectAppError(call(listBatchExportLogs, apiKeyOf(owner.user!, ["*"]), { id: created.id }, org.id), 403, "permission_denied", { detail: "This action does not support personal API key access" });
    for (const limit of ["0", "501", "ten"]) {
      await expectAppError(call(listBatchExportLogs, member, { id: created.id, limit }, org.id), 400, "invalid_input", { attr: "limit" });
    }
    const page = await call(listBatchExportLogs, member, { id: created.id, limit: "500", level: "info,Error" }, org.id);
    assert.equal(page.count, 0);
    await expectAppError(call(listBatchExportLogs, member, { id: created.id, level: "loud" }, org.id), 400, "invalid_input", { attr: "level" });
  });

  test("pause and unpause answer {paused} and record activity; pausing twice is harmless", async () => {
    const { org, owner } = await setup();
    const created = await create(owner, org.id);
    assert.deepEqual(await call(pauseBatchExport, owner, { id: created.id }, org.id), { paused: true });
    assert.deepEqual(await call(pauseBatchExport, owner, { id: created.id }, org.id), { paused: true });
    const paused = await call(getBatchExport, owner, { id: created.id }, org.id);
    assert.equal(paused.paused, true);
    assert.ok(paused.last_paused_at);
    assert.deepEqual(await call(unpauseBatchExport, owner, { id: created.id, backfill: false }, org.id), { paused: false });
    await expectAppError(call(unpauseBatchExport, owner, { id: created.id, backfill: "yes" }, org.id), 400, "invalid_input", { attr: "backfill" });
    const entries = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.scope, "BatchExport"), eq(activityLog.itemId, created.id)));
    assert.deepEqual(entries.map((e) => e.activity).sort(), ["created", "paused", "unpaused"]);
  });
});
