import assert from "node:assert/strict";
import { createHash, createHmac, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from "../../testing/s3-server";
import { s3Storage, storageFor, type ObjectStorage } from "./index";
import { storageContract } from "./storage-contract";

const settingsFor = (server: TestS3Server) => ({
  bucket: server.bucket,
  endpoint: server.endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: S3RVER_CREDENTIALS,
});

storageContract("S3 (s3rver)", async () => {
  const server = await startS3Server();
  return {
    storage: s3Storage(settingsFor(server)),
    secret: "unused by a bucket",
    async fetchLink(url) {
      const response = await fetch(url);
      const bytes = response.ok ? new Uint8Array(await response.arrayBuffer()) : (await response.body?.cancel(), null);
      return { status: response.status, bytes, disposition: response.headers.get("content-disposition") };
    },
    close: () => server.stop(),
  };
});

const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
/** RFC 3986 encoding, as SigV4 canonicalises query names and values. */
const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Whether a presigned GET URL carries a valid AWS Signature Version 4 under `secretAccessKey`, recomputed from the URL
 * alone: the canonical request, the string to sign, the signing key chain and the final HMAC.
 */
function hasValidSigV4(url: string, secretAccessKey: string) {
  const parsed = new URL(url);
  const q = parsed.searchParams;
  const [, day, region, service, terminator] = q.get("X-Amz-Credential")!.split("/");
  const signedHeaders = q.get("X-Amz-SignedHeaders")!;
  const canonicalQuery = [...q.entries()]
    .filter(([name]) => name !== "X-Amz-Signature")
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const headers = signedHeaders.split(";").map((name) => {
    assert.equal(name, "host", "a presigned GET signs the host header only");
    return `host:${parsed.host}\n`;
  });
  const canonicalRequest = ["GET", parsed.pathname, canonicalQuery, headers.join(""), signedHeaders, q.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD"].join("\n");
  const scope = [day, region, service, terminator].join("/");
  const stringToSign = ["AWS4-HMAC-SHA256", q.get("X-Amz-Date"), scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), terminator);
  return hmac(signingKey, stringToSign).toString("hex") === q.get("X-Amz-Signature");
}

describe("S3 presigned links (SigV4, checked here: s3rver does not)", () => {
  let server: TestS3Server;
  let storage: ObjectStorage;
  const key = `legal_documents/${randomUUID()}/${randomUUID()}.pdf`;
  const now = new Date("2026-12-01T12:00:00.400Z");
  before(async () => {
    server = await startS3Server();
    storage = s3Storage(settingsFor(server));
  });
  after(() => server.stop());

  test("a path-style GET URL of the key, signed at `now` for 60 seconds with the bucket's credentials", async () => {
    const url = await storage.presignGet(key, { expiresInSeconds: 60, now, secret: "ignored", filename: "DPA Łukasz.pdf" });
    const parsed = new URL(url);
    assert.equal(`${parsed.origin}${parsed.pathname}`, `${server.endpoint}/${server.bucket}/${key}`);
    const q = parsed.searchParams;
    assert.equal(q.get("X-Amz-Algorithm"), "AWS4-HMAC-SHA256");
    assert.equal(q.get("X-Amz-Expires"), "60");
    assert.equal(q.get("X-Amz-Date"), "20261201T120000Z");
    assert.equal(q.get("X-Amz-Credential"), "S3RVER/20261201/us-east-1/s3/aws4_request");
    assert.equal(q.get("response-content-disposition"), `attachment; filename="DPA _ukasz.pdf"; filename*=UTF-8''DPA%20%C5%81ukasz.pdf`);
    assert.match(q.get("X-Amz-Signature") ?? "", /^[0-9a-f]{64}$/);
    assert.equal(hasValidSigV4(url, S3RVER_CREDENTIALS.secretAccessKey), true);
    assert.equal(hasValidSigV4(url, "another-secret"), false);
  });

  test("the signature check fails when anything in the URL changes", async () => {
    const url = await storage.presignGet(key, { expiresInSeconds: 60, now, secret: "ignored", filename: "DPA.pdf" });
    const changes: [string, (u: URL) => void][] = [
      ["a longer lifetime", (u) => u.searchParams.set("X-Amz-Expires", "3600")],
      ["a later date", (u) => u.searchParams.set("X-Amz-Date", "20261201T130000Z")],
      ["another file name", (u) => u.searchParams.set("response-content-disposition", "attachment; filename=\"x.pdf\"")],
      ["an added parameter", (u) => u.searchParams.set("response-content-type", "text/html")],
      ["another key", (u) => (u.pathname = u.pathname.replace(/\.pdf$/, "x.pdf"))],
      ["another host", (u) => (u.port = String(Number(u.port) + 1))],
    ];
    for (const [what, change] of changes) {
      const changed = new URL(url);
      change(changed);
      assert.equal(hasValidSigV4(changed.toString(), S3RVER_CREDENTIALS.secretAccessKey), false, what);
    }
  });

  test("objects keep the content type they were put with (by extension when none is given)", async () => {
    await storage.put(key, new Uint8Array([1, 2]));
    await storage.put("media/plain", new Uint8Array([3]), "image/png");
    for (const [k, type] of [[key, "application/pdf"], ["media/plain", "image/png"]]) {
      const response = await fetch(await storage.presignGet(k, { expiresInSeconds: 60, now: new Date(), secret: "ignored" }));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), type);
      await response.arrayBuffer();
    }
  });

  test("storageFor reads the bucket, endpoint, region and path style from STORAGE_URL and the keys from their settings", async () => {
    const storage = storageFor({
      STORAGE_URL: `s3://${server.bucket}?endpoint=${encodeURIComponent(server.endpoint)}&region=us-east-1&force_path_style=true`,
      STORAGE_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      STORAGE_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      ORGDECK_DATA_DIR: "memory://",
      DATA_DIR: "/nonexistent",
      SITE_URL: "http://localhost:3910",
    });
    await storage.put("media/through-settings", new Uint8Array([5]));
    assert.deepEqual(await s3Storage(settingsFor(server)).get("media/through-settings"), new Uint8Array([5]));
    const url = await storage.presignGet("media/through-settings", { expiresInSeconds: 60, now, secret: "ignored" });
    assert.ok(url.startsWith(`${server.endpoint}/${server.bucket}/media/through-settings?`), url);
  });
});
