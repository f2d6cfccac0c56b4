import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { getDb } from "../../db/client";
import { getAuthSecret } from "../services/instance";
import { withEnv } from "../testing/fixtures";
import { derivedPairwiseKey, pairwiseKey, pairwiseSubject } from "./pairwise-subject";

const KEY = Buffer.alloc(32, "k");
const USER = "0b7e4a52-2f0c-4c1e-9d3a-6f1b2c3d4e5f";

describe("pairwiseSubject", () => {
  test("matches a vector computed independently (Python's hmac over 4-byte big-endian lengths), in base64url", () => {
    assert.equal(pairwiseSubject(KEY, "app.example.com", USER), "1DYFpCXIH_AhD6nCnaNzWtOn-YvIqs07aUDLYtPKy1A");
    const derived = derivedPairwiseKey("instance-secret-for-tests-000000000000");
    assert.equal(derived.toString("hex"), "f7d3b067ec826fe18bf92bc112757196522a760f9144060639b8da312b738953");
    assert.equal(pairwiseSubject(derived, "app.example.com", USER), "Bg8_mQrihK2E-gJ09Y5mHximIQVCsnR0ZotAH3C-nl8");
  });

  test("the length prefix keeps (\"ab\", \"c\") and (\"a\", \"bc\") apart, which a bare concatenation would not", () => {
    const bare = (sector: string, userId: string) => createHmac("sha256", KEY).update(sector + userId).digest("base64url");
    assert.equal(bare("ab", "c"), bare("a", "bc"), "without the prefix the two pairs collide");
    assert.equal(pairwiseSubject(KEY, "ab", "c"), "kJwG3vpfcFte_Y4JYpzQ7XpnzKi4BAxUWifrWH8FGqY");
    assert.equal(pairwiseSubject(KEY, "a", "bc"), "l85YNfDolSO76dyUsw00PN5aLq2qWUhXxtMwfNQINJc");
  });

  test("differs by sector, by user and by key; the same inputs always give the same subject", () => {
    const subject = pairwiseSubject(KEY, "a.example", USER);
    assert.equal(pairwiseSubject(KEY, "a.example", USER), subject);
    assert.notEqual(pairwiseSubject(KEY, "b.example", USER), subject);
    assert.notEqual(pairwiseSubject(KEY, "a.example", USER.replace("0b", "0c")), subject);
    assert.notEqual(pairwiseSubject(Buffer.alloc(32, "j"), "a.example", USER), subject);
    assert.match(subject, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe("pairwiseKey", () => {
  test("ORGDECK_PAIRWISE_SECRET when set; else derived from this installation's instance secret, never a shared constant", async () => {
    const db = await getDb();
    const secret = "a pairwise secret of at least 32 characters";
    await withEnv({ ORGDECK_PAIRWISE_SECRET: secret }, async () => assert.deepEqual(await pairwiseKey(db), Buffer.from(secret)));
    await withEnv({ ORGDECK_PAIRWISE_SECRET: undefined }, async () => {
      assert.deepEqual(await pairwiseKey(db), derivedPairwiseKey(await getAuthSecret(db)));
      assert.notDeepEqual(derivedPairwiseKey("one installation's secret"), derivedPairwiseKey("another installation's secret"));
    });
    await withEnv({ ORGDECK_PAIRWISE_SECRET: "short" }, async () => assert.rejects(pairwiseKey(db), /ORGDECK_PAIRWISE_SECRET must be at least 32 characters/));
  });
});
