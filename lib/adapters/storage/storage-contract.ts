import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { ObjectStorage } from "./types";

/** What a link answers when fetched: its status, the bytes on a 200, and the file name it downloads as. */
export type Fetched = { status: number; bytes: Uint8Array | null; disposition: string | null };

/** One storage under test, and how its links are fetched (straight from the bucket, or as Orgdeck would check them). */
export type StorageHarness = { storage: ObjectStorage; secret: string; fetchLink(url: string): Promise<Fetched>; close(): Promise<void> };

const VALID_KEYS = ["media/abc-1", `legal_documents/${randomUUID()}/${randomUUID()}.pdf`, "a_b/c-d/e", "x.pdf"];
const INVALID_KEYS = [
  "",
  "..",
  ".",
  "../escape",
  "media/../../x",
  "media/./x",
  "legal_documents/../x.pdf",
  "/etc/passwd",
  "media/",
  "media//x",
  "media\\x",
  "..\\x",
  "Media/A",
  "media/x.pdf/y",
  "media/x.tar.gz",
  "media/.pdf",
  "media/x.",
  "media/x y",
  "media/é",
  "media/x%2f..",
  `media/${"a".repeat(600)}`,
];

/**
 * The behaviour every storage shares, run against each one: what is put comes back byte for byte, a missing key is
 * null, keys that could climb out are refused by every method, and a presigned link downloads the object for a
 * minute and no longer.
 */
export function storageContract(name: string, open: () => Promise<StorageHarness>) {
  describe(`${name} storage (the shared contract)`, () => {
    let h: StorageHarness;
    before(async () => {
      h = await open();
    });
    after(() => h.close());

    test("puts, gets and deletes by key; a missing key is null and deleting it is no error", async () => {
      const key = `media/${randomUUID()}`;
      assert.equal(await h.storage.get(key), null);
      await h.storage.put(key, new Uint8Array([1, 2, 3]));
      assert.deepEqual(await h.storage.get(key), new Uint8Array([1, 2, 3]));
      await h.storage.delete(key);
      assert.equal(await h.storage.get(key), null);
      await h.storage.delete(key);
    });

    test("a put replaces the object; large binary bytes come back unchanged", async () => {
      const key = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
      await h.storage.put(key, new Uint8Array([9, 9, 9, 9]), "application/pdf");
      const bytes = new Uint8Array(randomBytes(300_000));
      await h.storage.put(key, bytes);
      assert.deepEqual(await h.storage.get(key), bytes);
      // A view into a larger buffer stores only its own bytes.
      const big = new Uint8Array(randomBytes(64));
      await h.storage.put(key, big.subarray(8, 24));
      assert.deepEqual(await h.storage.get(key), big.slice(8, 24));
    });

    test("every valid key shape works; each method refuses keys that could leave the storage", async () => {
      for (const key of VALID_KEYS) {
        await h.storage.put(key, new Uint8Array([7]));
        assert.deepEqual(await h.storage.get(key), new Uint8Array([7]), key);
        await h.storage.delete(key);
      }
      const options = { expiresInSeconds: 60, now: new Date(), secret: h.secret };
      for (const key of INVALID_KEYS) {
        await assert.rejects(h.storage.put(key, new Uint8Array([1])), /Invalid storage key/, `put ${key}`);
        await assert.rejects(h.storage.get(key), /Invalid storage key/, `get ${key}`);
        await assert.rejects(h.storage.delete(key), /Invalid storage key/, `delete ${key}`);
        await assert.rejects(h.storage.presignGet(key, options), /Invalid storage key/, `presignGet ${key}`);
      }
    });

    test("a presigned link downloads the object, under the file name given (non-ASCII kept in filename*)", async () => {
      const key = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
      const pdf = new Uint8Array(Buffer.from("%PDF-1.7\n% Łukasz Żółć\n%%EOF\n"));
      await h.storage.put(key, pdf, "application/pdf");
      const url = await h.storage.presignGet(key, { expiresInSeconds: 60, now: new Date(), secret: h.secret, filename: "DPA Łukasz.pdf" });
      assert.match(url, /^https?:\/\//);
      const fetched = await h.fetchLink(url);
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.bytes, pdf);
      assert.equal(fetched.disposition, `attachment; filename="DPA _ukasz.pdf"; filename*=UTF-8''DPA%20%C5%81ukasz.pdf`);
    });

    test("a link to a missing object answers 404; an expired link is refused", async () => {
      const missing = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
      const now = new Date();
      assert.equal((await h.fetchLink(await h.storage.presignGet(missing, { expiresInSeconds: 60, now, secret: h.secret }))).status, 404);
      const key = `media/${randomUUID()}`;
      await h.storage.put(key, new Uint8Array([1]));
      const issued = new Date(now.getTime() - 61_000);
      const expired = await h.fetchLink(await h.storage.presignGet(key, { expiresInSeconds: 60, now: issued, secret: h.secret }));
      assert.equal(expired.status, 403);
      assert.equal(expired.bytes, null);
    });

    test("a link's lifetime is whole seconds from one second to a week", async () => {
      for (const expiresInSeconds of [0, -1, 1.5, 604801, Number.NaN]) {
        await assert.rejects(h.storage.presignGet("media/x", { expiresInSeconds, now: new Date(), secret: h.secret }), /Invalid link lifetime/);
      }
    });
  });
}
