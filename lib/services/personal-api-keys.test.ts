import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, personalApiKeys } from "../../db/schema";
import { authenticateApiKey } from "../auth/principal";
import { apiKeyOf, call, callAt, expectAppError, makeApiKey, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import {
  createPersonalApiKey,
  deletePersonalApiKey,
  getPersonalApiKey,
  listPersonalApiKeys,
  rollPersonalApiKey,
  updatePersonalApiKey,
} from "./personal-api-keys";

const VALUE_RE = /^odk_[A-Za-z0-9_-]{43}$/;
const LIMIT = "You can have at most 10 personal API keys. Delete one before creating another.";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function works(value: string) {
  return authenticateApiKey(await getDb(), value, "header").then(
    () => true,
    () => false,
  );
}

describe("personal API keys: create", () => {
  test("returns the value once: odk_ plus 43 URL-safe characters, with its mask", async () => {
    const user = await makeUser();
    const key = await call(createPersonalApiKey, sessionOf(user), { label: " laptop ", scopes: ["organization:read", "organization:read"] });
    assert.match(key.value, VALUE_RE);
    assert.equal(key.mask_value, `odk_...${key.value.slice(-4)}`);
    assert.equal(key.label, "laptop");
    assert.deepEqual(key.scopes, ["organization:read"]);
    assert.deepEqual(key.scoped_organizations, []);
    assert.deepEqual(key.scoped_teams, []);
    assert.equal(key.user_id, user.uuid);
    assert.equal(key.last_used_at, null);
    assert.equal(key.last_rolled_at, null);
    assert.ok(await works(key.value));
    const got = await call(getPersonalApiKey, sessionOf(user), { id: key.id });
    assert.equal("value" in got, false);
    assert.equal(got.mask_value, key.mask_value);
  });

  test("is stored as its SHA-256 only: no column and no audit entry holds the value", async () => {
    const user = await makeUser();
    const key = await call(createPersonalApiKey, sessionOf(user), { label: "stored", scopes: ["*"] });
    const db = await getDb();
    const rows = await db.execute<Record<string, unknown>>(sql`select * from personal_api_keys where id = ${key.id}`);
    const row = ((rows as { rows?: unknown[] }).rows ?? rows) as Array<Record<string, unknown>>;
    assert.equal(row.length, 1);
    assert.equal(row[0].secure_value, sha256(key.value));
    const secret = key.value.slice(4);
    for (const [column, v] of Object.entries(row[0])) assert.ok(!JSON.stringify(v ?? null).includes(secret), `column ${column}`);
    const audit = await db.select().from(activityLog).where(eq(activityLog.itemId, key.id));
    assert.ok(audit.length >= 1);
    assert.ok(!JSON.stringify(audit).includes(secret));
  });

  test("validates label, scopes and scoped organizations", async () => {
    const { org, owner } = await makeOrganization();
    const other = await makeOrganization();
    const p = sessionOf(owner);
    await expectAppError(call(createPersonalApiKey, p, { scopes: ["*"] }), 400, "required", { attr: "label" });
    await expectAppError(call(createPersonalApiKey, p, { label: "  ", scopes: ["*"] }), 400, "blank", { attr: "label" });
    await expectAppError(call(createPersonalApiKey, p, { label: "x".repeat(41), scopes: ["*"] }), 400, "max_length", { attr: "label" });
    await expectAppError(call(createPersonalApiKey, p, { label: "k" }), 400, "required", { attr: "scopes" });
    await expectAppError(call(createPersonalApiKey, p, { label: "k", scopes: [] }), 400, "invalid_input", { attr: "scopes" });
    await expectAppError(call(createPersonalApiKey, p, { label: "k", scopes: "*" }), 400, "invalid_input", { attr: "scopes" });
    await assert.rejects(call(createPersonalApiKey, p, { label: "k", scopes: ["organization:read", "team:read"] }), (err: Error & { body?: { attr: string; detail: string } }) => {
      assert.equal(err.body?.attr, "scopes");
      assert.match(err.body?.detail ?? "", /team:read/);
      return true;
    });
    for (const ids of [[other.org.id], [randomUUID()], ["not-a-uuid"]]) {
      await expectAppError(call(createPersonalApiKey, p, { label: "k", scopes: ["*"], scoped_organizations: ids }), 400, "invalid_input", {
        attr: "scoped_organizations",
      });
    }
    const scoped = await call(createPersonalApiKey, p, { label: "k", scopes: ["*"], scoped_organizations: [org.id.toUpperCase(), org.id] });
    assert.deepEqual(scoped.scoped_organizations, [org.id]);
    const unscoped = await call(createPersonalApiKey, p, { label: "k", scopes: ["*"], scoped_organizations: null });
    assert.deepEqual(unscoped.scoped_organizations, []);
  });

  test("at most 10 keys per user: the 11th is 400 with the limit message", async () => {
    const user = await makeUser();
    for (let i = 0; i < 10; i++) await makeApiKey(user);
    await expectAppError(call(createPersonalApiKey, sessionOf(user), { label: "11th", scopes: ["*"] }), 400, "invalid_input", {
      detail: LIMIT,
      attr: null,
    });
    const other = await makeUser();
    assert.match((await call(createPersonalApiKey, sessionOf(other), { label: "first", scopes: ["*"] })).value, VALUE_RE);
  });

  test("the limit holds under 20 concurrent creates for one user", async () => {
    const user = await makeUser();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => call(createPersonalApiKey, sessionOf(user), { label: `k${i}`, scopes: ["*"] })),
    );
    const refused = results.filter((r) => r.status === "rejected");
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 10);
    for (const r of refused) assert.equal((r.reason as { body?: { detail: string } }).body?.detail, LIMIT);
    const [{ n }] = await (await getDb()).select({ n: sql<number>`count(*)::int` }).from(personalApiKeys).where(eq(personalApiKeys.userId, user.id));
    assert.equal(n, 10);
  });
});

describe("personal API keys: read, update, delete, roll", () => {
  test("list shows only the caller's keys, newest first, paginated, without values", async () => {
    const user = await makeUser();
    const ids: string[] = [];
    // Distinct creation times: "newest first" must not depend on ids.
    const base = Date.now();
    for (let i = 0; i < 3; i++) {
      ids.push((await callAt(createPersonalApiKey, sessionOf(user), { label: `k${i}`, scopes: ["*"] }, undefined, new Date(base + i * 1000))).id);
    }
    await makeApiKey(await makeUser());
    const page = await call(listPersonalApiKeys, sessionOf(user), {});
    assert.equal(page.count, 3);
    assert.deepEqual(page.results.map((k) => k.id), [...ids].reverse());
    assert.ok(page.results.every((k) => !("value" in k)));
    const second = await call(listPersonalApiKeys, sessionOf(user), { limit: "2", offset: "2" });
    assert.deepEqual(second.results.map((k) => k.id), [ids[0]]);
  });

  test("another user's key, an unknown id and a malformed id are 404", async () => {
    const key = await makeApiKey(await makeUser());
    const stranger = sessionOf(await makeUser());
    for (const id of [key.id, randomUUID(), "nope"]) {
      await expectAppError(call(getPersonalApiKey, stranger, { id }), 404, "not_found", { detail: "Not found." });
      await expectAppError(call(updatePersonalApiKey, stranger, { id, label: "mine" }), 404, "not_found");
      await expectAppError(call(deletePersonalApiKey, stranger, { id }), 404, "not_found");
      await expectAppError(call(rollPersonalApiKey, stranger, { id }), 404, "not_found");
    }
    assert.ok(await works(key.value));
  });

  test("update changes label, scopes and organizations, and records the change", async () => {
    const { org, owner } = await makeOrganization();
    const key = await makeApiKey(owner);
    const updated = await call(updatePersonalApiKey, sessionOf(owner), { id: key.id, label: "renamed", scopes: ["user:read"], scoped_organizations: [org.id] });
    assert.equal(updated.label, "renamed");
    assert.deepEqual(updated.scopes, ["user:read"]);
    assert.deepEqual(updated.scoped_organizations, [org.id]);
    const principal = await authenticateApiKey(await getDb(), key.value, "header");
    assert.deepEqual(principal.kind === "api_key" && principal.key.scopes, ["user:read"]);
    const [entry] = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.itemId, key.id), eq(activityLog.activity, "updated")));
    const fields = (entry.detail as { changes: Array<{ field: string }> }).changes.map((c) => c.field).sort();
    assert.deepEqual(fields, ["label", "scoped_organizations", "scopes"]);
    await expectAppError(call(updatePersonalApiKey, sessionOf(owner), { id: key.id, scopes: ["nope"] }), 400, "invalid_input", { attr: "scopes" });
    await expectAppError(call(updatePersonalApiKey, sessionOf(owner), { id: key.id, scoped_organizations: [randomUUID()] }), 400, "invalid_input", {
      attr: "scoped_organizations",
    });
  });

  test("delete stops the key at once", async () => {
    const user = await makeUser();
    const key = await makeApiKey(user);
    assert.equal(await call(deletePersonalApiKey, sessionOf(user), { id: key.id }), null);
    assert.equal(await works(key.value), false);
    await expectAppError(call(getPersonalApiKey, sessionOf(user), { id: key.id }), 404, "not_found");
  });

  test("roll returns a new value, stops the old one and sets last_rolled_at", async () => {
    const user = await makeUser();
    const key = await makeApiKey(user);
    const rolled = await call(rollPersonalApiKey, sessionOf(user), { id: key.id });
    assert.equal(rolled.id, key.id);
    assert.match(rolled.value, VALUE_RE);
    assert.notEqual(rolled.value, key.value);
    assert.equal(rolled.mask_value, `odk_...${rolled.value.slice(-4)}`);
    assert.ok(rolled.last_rolled_at);
    assert.equal(await works(key.value), false);
    assert.ok(await works(rolled.value));
  });

  test("the key's own scope object governs key access to these operations", async () => {
    const user = await makeUser();
    await expectAppError(call(listPersonalApiKeys, apiKeyOf(user, ["user:read"]), {}), 403, "permission_denied", {
      detail: "API key missing required scope 'personal_api_key:read'",
    });
    await expectAppError(call(createPersonalApiKey, apiKeyOf(user, ["personal_api_key:read"]), { label: "k", scopes: ["*"] }), 403, "permission_denied");
    assert.equal((await call(listPersonalApiKeys, apiKeyOf(user, ["personal_api_key:write"]), {})).count, 0);
  });
});
