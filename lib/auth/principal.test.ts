import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { personalApiKeys } from "../../db/schema";
import { deactivateUser } from "../services/admin";
import { expectAppError, makeApiKey, makeSession, makeUser } from "../testing/fixtures";
import { authenticateApiKey, authenticateSession } from "./principal";
import { generateApiKey } from "./tokens";

const HOUR = 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lastUsedAt(id: string) {
  const [row] = await (await getDb()).select({ at: personalApiKeys.lastUsedAt }).from(personalApiKeys).where(eq(personalApiKeys.id, id));
  return row.at?.getTime() ?? null;
}

/** last_used_at is written without delaying the request: wait for it to settle on the expected value. */
async function settlesOn(id: string, expected: number | null, ms = 1000) {
  let seen = await lastUsedAt(id);
  for (let waited = 0; seen !== expected && waited < ms; waited += 25) {
    await sleep(25);
    seen = await lastUsedAt(id);
  }
  return seen;
}

describe("authenticateApiKey", () => {
  test("an unknown key is 401 authentication_failed naming where it was found", async () => {
    const db = await getDb();
    const unknown = generateApiKey();
    const words = { header: "Authorization header", body: "body", query: "query string" } as const;
    for (const [location, word] of Object.entries(words)) {
      await expectAppError(authenticateApiKey(db, unknown, location as keyof typeof words), 401, "authentication_failed", {
        detail: `Personal API key found in request ${word} is invalid.`,
        attr: null,
      });
    }
  });

  test("a valid key gives an api_key principal with its label, scopes and organizations", async () => {
    const user = await makeUser();
    const key = await makeApiKey(user, ["organization:read", "user:write"]);
    const principal = await authenticateApiKey(await getDb(), key.value, "header");
    assert.equal(principal.kind, "api_key");
    assert.equal(principal.user?.id, user.id);
    assert.ok(principal.kind === "api_key");
    assert.deepEqual(principal.key, { id: key.id, label: "test key", scopes: ["organization:read", "user:write"], scopedOrganizations: [], scopedTeams: [] });
  });

  test("a deactivated user's key is 401", async () => {
    const user = await makeUser();
    const key = await makeApiKey(user);
    await deactivateUser(await getDb(), user.email);
    await expectAppError(authenticateApiKey(await getDb(), key.value, "header"), 401, "authentication_failed", {
      detail: "Personal API key found in request Authorization header is invalid.",
    });
  });

  test("last_used_at is written on first use and at most once an hour", async () => {
    const user = await makeUser();
    const key = await makeApiKey(user);
    const db = await getDb();
    const t0 = Date.now() + 24 * HOUR;
    assert.equal(await lastUsedAt(key.id), null);
    await authenticateApiKey(db, key.value, "header", { now: new Date(t0) });
    assert.equal(await settlesOn(key.id, t0), t0, "first use");
    await authenticateApiKey(db, key.value, "header", { now: new Date(t0 + 30 * 60 * 1000) });
    await authenticateApiKey(db, key.value, "header", { now: new Date(t0 + HOUR - 1000) });
    await sleep(150);
    assert.equal(await lastUsedAt(key.id), t0, "not again within the hour");
    const later = t0 + HOUR + 60 * 1000;
    await authenticateApiKey(db, key.value, "header", { now: new Date(later) });
    assert.equal(await settlesOn(key.id, later), later, "again after the hour");
  });
});

describe("authenticateSession", () => {
  test("finds the session by token with its sign-in time and second factor", async () => {
    const user = await makeUser();
    const now = new Date(Date.now() - 1000);
    const { token } = await makeSession(user, { mfa: true, now });
    const principal = await authenticateSession(await getDb(), token);
    assert.ok(principal?.kind === "session");
    assert.equal(principal.user.id, user.id);
    assert.equal(principal.session.mfa, true);
    assert.equal(principal.session.signedInAt.getTime(), now.getTime());
  });

  test("an unknown token, an expired session or a deactivated user gives no principal", async () => {
    const db = await getDb();
    assert.equal(await authenticateSession(db, "no-such-token"), null);
    const user = await makeUser();
    const { token } = await makeSession(user, { now: new Date(Date.now() - 31 * 24 * HOUR) });
    assert.equal(await authenticateSession(db, token), null, "expired");
    const other = await makeUser();
    const live = await makeSession(other);
    assert.ok(await authenticateSession(db, live.token));
    await deactivateUser(db, other.email);
    assert.equal(await authenticateSession(db, live.token), null, "deactivated");
  });
});
