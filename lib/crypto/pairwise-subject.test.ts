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
  test("matches a vector computed independently (Python's hmac over 4-byte big-endian lengths), in hex", () => {
    assert.equal(pairwiseSubject(KEY, "app.example.com", USER), "d43605a425c81ff0210fa9c29da3735ad3a7f98bc8aacd3b6940cb62d3cacb50");
    const derived = derivedPairwiseKey("instance-secret-for-tests-000000000000");
    assert.equal(derived.toString("hex"), "f7d3b067ec826fe18bf92bc112757196522a760f9144060639b8da312b738953");
    assert.equal(pairwiseSubject(derived, "app.example.com", USER), "060f3f990ae284ad84fa0274f58e661f18a6210542b27474668b401f70be9e5f");
  });

  test("the length prefix keeps (\"ab\", \"c\") and (\"a\", \"bc\") apart, which a bare concatenation would not", () => {
    const bare = (sector: string, userId: string) => createHmac("sha256", KEY).update(sector + userId).digest("hex");
    assert.equal(bare("ab", "c"), bare("a", "bc"), "without the prefix the two pairs collide");
    assert.equal(pairwiseSubject(KEY, "ab", "c"), "909c06defa5f705b5efd8e09629cd0ed7a67cca8b8040c545a27eb587f051aa6");
    assert.equal(pairwiseSubject(KEY, "a", "bc"), "97ce5835f0e89523bbe9dc94b30d343cde5a2eadaa594857c6d3307cd4083497");
  });

  test("differs by sector, by user and by key; the same inputs always give the same subject", () => {
    const subject = pairwiseSubject(KEY, "a.example", USER);
    assert.equal(pairwiseSubject(KEY, "a.example", USER), subject);
    assert.notEqual(pairwiseSubject(KEY, "b.example", USER), subject);
    assert.notEqual(pairwiseSubject(KEY, "a.example", USER.replace("0b", "0c")), subject);
    assert.notEqual(pairwiseSubject(Buffer.alloc(32, "j"), "a.example", USER), subject);
    assert.match(subject, /^[0-9a-f]{64}$/);
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
