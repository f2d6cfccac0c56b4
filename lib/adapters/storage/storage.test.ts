import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { EnvError } from "../../env";
import { contentDisposition } from "../../format/content-disposition";
import { defaultFilename, folderStorage, memoryStorage, STORAGE_PATH, storageFor, verifyStorageLink, type ObjectStorage } from "./index";
import { storageContract, type Fetched } from "./storage-contract";

const SITE = "http://localhost:3910";
const SECRET = "a-test-instance-secret-of-thirty-two-characters";
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-storage-"));

/** A link's parts as the route reads them: the key from the path, the rest from the query. */
function partsOf(url: string) {
  const parsed = new URL(url);
  assert.ok(parsed.pathname.startsWith(STORAGE_PATH), url);
  const q = parsed.searchParams;
  return { key: parsed.pathname.slice(STORAGE_PATH.length), expires: q.get("expires"), signature: q.get("signature"), filename: q.get("filename") };
}

const verify = (url: string, now: Date, secret = SECRET) => verifyStorageLink({ ...partsOf(url), secret, now });

/** Orgdeck's own links, fetched as the route answers them: the signature checked first, then the object read. */
function harness(storage: ObjectStorage) {
  return async () => ({
    storage,
    secret: SECRET,
    async fetchLink(url: string): Promise<Fetched> {
      const parts = partsOf(url);
      if (!verify(url, new Date())) return { status: 403, bytes: null, disposition: null };
      const bytes = await storage.get(parts.key);
      if (!bytes) return { status: 404, bytes: null, disposition: null };
      return { status: 200, bytes, disposition: contentDisposition("attachment", parts.filename ?? defaultFilename(parts.key)) };
    },
    close: async () => {},
  });
}

storageContract("memory", harness(memoryStorage(SITE)));
storageContract("folder", harness(folderStorage(path.join(tempDir(), "storage"), SITE)));

describe("Orgdeck's signed storage links", () => {
  const storage = memoryStorage(SITE);
  const key = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
  const issued = new Date("2026-12-01T12:00:00.400Z");
  const link = (filename?: string) => storage.presignGet(key, { expiresInSeconds: 60, now: issued, secret: SECRET, filename });

  test("a link is SITE_URL/api/storage/<key> with its expiry in unix seconds and a base64url HMAC-SHA256", async () => {
    const url = await link();
    assert.match(url, new RegExp(`^${SITE}/api/storage/${key.replace(/\./g, "\\.")}\\?expires=1796126460&signature=[\\w-]{43}$`));
    const named = new URL(await link("DPA Łukasz.pdf"));
    assert.equal(named.searchParams.get("filename"), "DPA Łukasz.pdf");
  });

  test("valid for 60 seconds from its issue, refused from then on", async () => {
    const url = await link();
    for (const ms of [0, 30_000, 59_000]) assert.equal(verify(url, new Date(issued.getTime() + ms)), true, `+${ms} ms`);
    for (const ms of [59_600, 60_000, 61_000, 3_600_000]) assert.equal(verify(url, new Date(issued.getTime() + ms)), false, `+${ms} ms`);
  });

  test("refused when any one character of the key, the expiry or the signature changes", async () => {
    const url = await link();
    const within = new Date(issued.getTime() + 1000);
    assert.equal(verify(url, within), true);
    const alphabets = {
      key: "abcdefghijklmnopqrstuvwxyz0123456789_-./A%",
      expires: "0123456789a",
      // Every base64url character: the last one's two spare bits must not let another spelling through.
      signature: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=",
    };
    let tried = 0;
    for (const [part, alphabet] of Object.entries(alphabets) as [keyof typeof alphabets, string][]) {
      const value = partsOf(url)[part]!;
      for (let i = 0; i < value.length; i++) {
        for (const c of alphabet) {
          if (c === value[i]) continue;
          const changed = value.slice(0, i) + c + value.slice(i + 1);
          const parts = { ...partsOf(url), [part]: changed };
          assert.equal(verifyStorageLink({ ...parts, secret: SECRET, now: within }), false, `${part}[${i}] = ${c}`);
          tried++;
        }
      }
    }
    assert.ok(tried > 5000);
  });

  test("refused when the file name is changed, added or removed, or the link is cut short", async () => {
    const named = await link("DPA.pdf");
    const within = new Date(issued.getTime() + 1000);
    assert.equal(verify(named, within), true);
    const parts = partsOf(named);
    for (const filename of ["DPA.pdf ", "dpa.pdf", "", null]) {
      assert.equal(verifyStorageLink({ ...parts, filename, secret: SECRET, now: within }), false, String(filename));
    }
    assert.equal(verifyStorageLink({ ...partsOf(await link()), filename: "DPA.pdf", secret: SECRET, now: within }), false);
    for (const missing of ["expires", "signature"] as const) {
      assert.equal(verifyStorageLink({ ...parts, [missing]: null, secret: SECRET, now: within }), false, missing);
    }
    assert.equal(verifyStorageLink({ ...parts, signature: parts.signature!.slice(0, 42), secret: SECRET, now: within }), false);
  });

  test("only this instance's secret signs them, and never as the raw secret: the key is derived under its own label", async () => {
    const url = await link();
    const within = new Date(issued.getTime() + 1000);
    assert.equal(verify(url, within, `${SECRET}-other`), false);
    const parts = partsOf(url);
    const raw = createHmac("sha256", SECRET).update(JSON.stringify([key, parts.expires, null])).digest("base64url");
    assert.notEqual(raw, parts.signature);
    assert.equal(verifyStorageLink({ ...parts, signature: raw, secret: SECRET, now: within }), false);
  });

  test("a file name holding a control character is refused", async () => {
    await assert.rejects(link("a\r\nset-cookie: x"), /Invalid download file name/);
    await assert.rejects(link(""), /Invalid download file name/);
  });
});

describe("storageFor (STORAGE_URL)", () => {
  const base = { STORAGE_ACCESS_KEY_ID: undefined, STORAGE_SECRET_ACCESS_KEY: undefined, SITE_URL: SITE };

  test("unset: <data folder>/storage, or memory for a memory:// data folder", async () => {
    const dataDir = tempDir();
    await storageFor({ ...base, STORAGE_URL: undefined, ORGDECK_DATA_DIR: dataDir, DATA_DIR: dataDir }).put("media/one", new Uint8Array([1]));
    assert.deepEqual(fs.readFileSync(path.join(dataDir, "storage", "media", "one")), Buffer.from([1]));
    const memDir = tempDir();
    const memory = storageFor({ ...base, STORAGE_URL: undefined, ORGDECK_DATA_DIR: "memory://", DATA_DIR: memDir });
    await memory.put("media/one", new Uint8Array([2]));
    assert.deepEqual(await memory.get("media/one"), new Uint8Array([2]));
    assert.deepEqual(fs.readdirSync(memDir), []);
    assert.match(await memory.presignGet("media/one", { expiresInSeconds: 60, now: new Date(), secret: SECRET }), new RegExp(`^${SITE}/api/storage/media/one\\?`));
  });

  test("file:///path: that folder, whatever the data folder", async () => {
    const shared = tempDir();
    const storage = storageFor({ ...base, STORAGE_URL: `file://${shared}/files`, ORGDECK_DATA_DIR: "memory://", DATA_DIR: tempDir() });
    await storage.put("legal_documents/a/b.pdf", new Uint8Array([3]));
    assert.deepEqual(fs.readFileSync(path.join(shared, "files", "legal_documents", "a", "b.pdf")), Buffer.from([3]));
  });

  test("an invalid URL is an EnvError naming STORAGE_URL", () => {
    for (const url of ["s3://", "s3://b?endpoint=nope", "s3://orgdeck/prefix", "file://elsewhere/x", "http://x"]) {
      assert.throws(
        () => storageFor({ ...base, STORAGE_URL: url, ORGDECK_DATA_DIR: "memory://", DATA_DIR: tempDir() }),
        (err: unknown) => err instanceof EnvError && /^Invalid configuration: STORAGE_URL /.test(err.message),
        url,
      );
    }
  });
});

test("the folder and its subfolders are private to their owner, and files are 0600", async () => {
  const root = path.join(tempDir(), "storage");
  await folderStorage(root, SITE).put("media/one", new Uint8Array([1]));
  assert.equal(fs.statSync(root).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(root, "media")).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(root, "media", "one")).mode & 0o777, 0o600);
});
