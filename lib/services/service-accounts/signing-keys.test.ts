import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeProtectedHeader } from "jose";
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { oauthSigningKeys } from "../../../db/schema";
import { expectAppError } from "../../testing/fixtures";
import { signAccessToken, verifyAccessToken } from "./access-tokens";
import { jwks, maintainSigningKeys, PUBLISH_AHEAD_MS, publishedKeys } from "./signing-keys";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const subject = { id: "0b5d8a52-4c1e-4b7e-9a65-0c5b1f3c2d11", clientId: "odsa_client_x", organizationId: "6f1c2a3b-1d2e-4f5a-8b9c-0d1e2f3a4b5c", scope: ["org.directory.get"] };

describe("access-token signing keys", () => {
  test("a key exists from the first use, made once even when instances race; the JWKS holds public keys only", async () => {
    const db = await getDb();
    const t = new Date("2040-01-01T00:00:00Z");
    await Promise.all([maintainSigningKeys(db, t), maintainSigningKeys(db, t), maintainSigningKeys(db, t)]);
    const signing = (await publishedKeys(db, t)).filter((k) => k.createdAt <= t && t < k.retireAt);
    assert.equal(signing.length, 1);
    const [key] = signing;
    assert.equal(key.retireAt.getTime() - key.createdAt.getTime(), 30 * DAY);
    assert.equal(key.publishUntil.getTime() - key.retireAt.getTime(), HOUR);
    assert.match(key.privateKeySealed, /^sb1\./);
    const doc = await jwks(db, t);
    const published = doc.keys.find((k) => k.kid === key.kid);
    assert.deepEqual(Object.keys(published ?? {}).sort(), ["alg", "crv", "kid", "kty", "use", "x", "y"]);
    assert.equal(published?.alg, "ES256");
    assert.ok(!JSON.stringify(doc).includes('"d"'));
  });

  test("rotation: the next key is published ahead, signs once the old one retires, and a token of the old key verifies until it expires", async () => {
    const db = await getDb();
    const start = new Date("2042-06-01T00:00:00Z");
    await maintainSigningKeys(db, start);
    const first = (await publishedKeys(db, start)).filter((k) => k.createdAt <= start && start < k.retireAt).at(-1);
    assert.ok(first);
    // Nothing new while the key has long to go.
    assert.deepEqual((await maintainSigningKeys(db, new Date(start.getTime() + DAY))).created, []);

    const beforeRetire = new Date(first.retireAt.getTime() - PUBLISH_AHEAD_MS + 60_000);
    const { created } = await maintainSigningKeys(db, beforeRetire);
    assert.equal(created.length, 1);
    const [next] = await db.select().from(oauthSigningKeys).where(eq(oauthSigningKeys.kid, created[0]));
    assert.equal(next.createdAt.getTime(), first.retireAt.getTime());
    const kids = async (now: Date) => (await jwks(db, now)).keys.map((k) => k.kid);
    assert.ok((await kids(beforeRetire)).includes(next.kid), "published before it signs");

    // The last token of the old key, signed a second before it retires.
    const lastOld = await signAccessToken(db, subject, new Date(first.retireAt.getTime() - 1000));
    assert.equal(decodeProtectedHeader(lastOld.token).kid, first.kid);
    const afterRetire = new Date(first.retireAt.getTime() + 1000);
    const firstNew = await signAccessToken(db, subject, afterRetire);
    assert.equal(decodeProtectedHeader(firstNew.token).kid, next.kid);
    assert.deepEqual((await kids(afterRetire)).filter((k) => k === first.kid || k === next.kid).sort(), [first.kid, next.kid].sort());
    assert.equal((await verifyAccessToken(db, lastOld.token, new Date(first.retireAt.getTime() + 30 * 60_000))).sub, subject.id);

    // Once its last token has expired, the old key is no longer published, and its tokens no longer verify.
    const afterPublication = new Date(first.publishUntil.getTime());
    assert.ok(!(await kids(afterPublication)).includes(first.kid));
    assert.ok((await kids(afterPublication)).includes(next.kid));
    await expectAppError(verifyAccessToken(db, lastOld.token, afterPublication), 401, "authentication_failed");
    assert.equal((await verifyAccessToken(db, firstNew.token, afterPublication)).sub, subject.id);
  });

  test("when no key signs (the schedule was not kept), the next token makes one at once", async () => {
    const db = await getDb();
    const far = new Date("2050-01-01T00:00:00Z");
    const { token } = await signAccessToken(db, subject, far);
    const [key] = await db.select().from(oauthSigningKeys).where(eq(oauthSigningKeys.kid, decodeProtectedHeader(token).kid as string));
    assert.equal(key.createdAt.getTime(), far.getTime());
  });

  test("old keys leave the table a day after their publication ends", async () => {
    const db = await getDb();
    const start = new Date("2060-01-01T00:00:00Z");
    await maintainSigningKeys(db, start);
    const [key] = (await publishedKeys(db, start)).filter((k) => k.createdAt <= start && start < k.retireAt);
    const { deleted } = await maintainSigningKeys(db, new Date(key.publishUntil.getTime() + DAY + 1000));
    assert.ok(deleted >= 1);
    assert.equal((await db.select().from(oauthSigningKeys).where(eq(oauthSigningKeys.kid, key.kid))).length, 0);
  });
});
