import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { getDb } from "../../db/client";
import { DELETE, GET } from "../../app/api/storage/[...key]/route";
import { defaultAdapters } from "../adapters";
import { memoryStorage } from "../adapters/storage";
import { env } from "../env";
import { getAuthSecret } from "../services/instance";
import { storageLinkResponse } from "./storage-response";

const SITE = "http://localhost:3910";
const SECRET = "a-test-instance-secret-of-thirty-two-characters";
const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n%%EOF\n"));

/** The key as the route's `[...key]` folder hands it over: the path after /api/storage/. */
const keyOf = (url: string) => new URL(url).pathname.replace(/^\/api\/storage\//, "");

async function setUp() {
  const storage = memoryStorage(SITE);
  const key = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
  await storage.put(key, PDF, "application/pdf");
  const issued = new Date();
  const context = (now = issued) => ({ storage, secret: SECRET, now, siteUrl: SITE });
  const link = (filename?: string, k = key) => storage.presignGet(k, { expiresInSeconds: 60, now: issued, secret: SECRET, filename });
  return { storage, key, issued, context, link };
}

async function errorBody(response: Response) {
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  return response.json();
}

describe("GET /api/storage/<key> (signed links to stored objects)", () => {
  test("a valid link serves the file as an attachment that nothing caches, sniffs or runs", async () => {
    const { context, link } = await setUp();
    const url = await link("DPA – Łukasz Żółć.pdf");
    const response = await storageLinkResponse(new Request(url), keyOf(url), context());
    assert.equal(response.status, 200);
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), PDF);
    const h = response.headers;
    assert.equal(h.get("content-type"), "application/pdf");
    assert.equal(h.get("content-length"), String(PDF.byteLength));
    assert.equal(h.get("content-disposition"), `attachment; filename="DPA _ _ukasz ____.pdf"; filename*=UTF-8''DPA%20%E2%80%93%20%C5%81ukasz%20%C5%BB%C3%B3%C5%82%C4%87.pdf`);
    assert.equal(h.get("cache-control"), "private, no-store");
    assert.equal(h.get("x-content-type-options"), "nosniff");
    assert.equal(h.get("x-frame-options"), "DENY");
    assert.equal(h.get("referrer-policy"), "strict-origin-when-cross-origin");
    assert.equal(h.get("content-security-policy"), "default-src 'none'; sandbox");
  });

  test("without a file name the key's last segment names it; an unknown extension is opaque bytes", async () => {
    const { storage, context, link, key } = await setUp();
    const url = await link();
    const response = await storageLinkResponse(new Request(url), keyOf(url), context());
    assert.equal(response.headers.get("content-disposition")?.split(";")[1].trim(), `filename="${key.split("/").pop()}"`);
    await storage.put("media/blob", new Uint8Array([1]));
    const other = await link(undefined, "media/blob");
    const blob = await storageLinkResponse(new Request(other), keyOf(other), context());
    assert.equal(blob.headers.get("content-type"), "application/octet-stream");
  });

  test("an expired or tampered link is 403 in the API's error body, whether or not the object exists", async () => {
    const { context, link, issued } = await setUp();
    const url = await link("DPA.pdf");
    const expected = { type: "authentication_error", code: "storage_link_invalid", detail: "This download link has expired or is not valid.", attr: null };
    const expired = await storageLinkResponse(new Request(url), keyOf(url), context(new Date(issued.getTime() + 61_000)));
    assert.equal(expired.status, 403);
    assert.deepEqual(await errorBody(expired), expected);
    const tampered = [
      url.replace(/signature=./, (m) => `${m.slice(0, -1)}${m.endsWith("A") ? "B" : "A"}`),
      url.replace(/expires=(\d+)/, (_, s: string) => `expires=${Number(s) + 3600}`),
      url.replace("filename=DPA.pdf", "filename=BAA.pdf"),
      url.replace(/&filename=[^&]*/, ""),
      url.replace(/\.pdf\?/, "x.pdf?"),
      url.split("?")[0],
    ];
    for (const changed of tampered) {
      const response = await storageLinkResponse(new Request(changed), keyOf(changed), context());
      assert.equal(response.status, 403, changed);
      assert.deepEqual(await errorBody(response), expected);
    }
  });

  test("a valid link to a missing object is 404 in the API's error body", async () => {
    const { storage, key, context, link } = await setUp();
    const url = await link();
    await storage.delete(key);
    const response = await storageLinkResponse(new Request(url), keyOf(url), context());
    assert.equal(response.status, 404);
    assert.deepEqual(await errorBody(response), { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null });
  });

  test("the route file serves this instance's storage under its secret", async () => {
    const storage = defaultAdapters().storage;
    const key = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
    await storage.put(key, PDF, "application/pdf");
    const url = await storage.presignGet(key, { expiresInSeconds: 60, now: new Date(), secret: await getAuthSecret(await getDb()), filename: "DPA.pdf" });
    assert.ok(url.startsWith(`${env().SITE_URL}/api/storage/${key}?`), url);
    const params = Promise.resolve({ key: keyOf(url).split("/") });
    const ok = await GET(new Request(url), { params });
    assert.equal(ok.status, 200);
    assert.deepEqual(new Uint8Array(await ok.arrayBuffer()), PDF);
    const forged = await storage.presignGet(key, { expiresInSeconds: 60, now: new Date(), secret: "not-this-instance-secret-at-all-000" });
    const refused = await GET(new Request(forged), { params });
    assert.equal(refused.status, 403);
    const deleted = await DELETE(new Request(url, { method: "DELETE" }));
    assert.equal(deleted.status, 405);
    assert.equal((await errorBody(deleted)).code, "method_not_allowed");
    assert.ok(await storage.get(key));
    await storage.delete(key);
  });
});
