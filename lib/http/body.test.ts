import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../errors";
import { isJsonMediaType, MAX_BODY_BYTES, readBodyBytes } from "./body";
import { hasMalformedEscape } from "./malformed-path";

/** A request whose body streams `total` bytes in 64 KiB chunks, counting how many were pulled. */
function streamed(total: number, headers: Record<string, string> = {}) {
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      const chunk = new Uint8Array(Math.min(65536, total - pulled.bytes));
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { req: new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit), pulled };
}

const tooLarge = (err: unknown) => err instanceof AppError && err.key === "request_too_large" && err.status === 413;

describe("isJsonMediaType", () => {
  test("application/json and +json types, with parameters and in any case", () => {
    for (const t of ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/merge-patch+json", "application/vnd.x+json;v=1"]) {
      assert.equal(isJsonMediaType(t), true, t);
    }
  });

  test("anything else, or no type, is not JSON", () => {
    for (const t of [null, "", "text/plain", "application/jsonx", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "json"]) {
      assert.equal(isJsonMediaType(t), false, String(t));
    }
  });
});

describe("readBodyBytes", () => {
  test("a body up to the limit is read whole", async () => {
    const { req } = streamed(MAX_BODY_BYTES);
    assert.equal((await readBodyBytes(req)).byteLength, MAX_BODY_BYTES);
  });

  test("a declared Content-Length over the limit is refused before a byte is read", async () => {
    const { req } = streamed(10, { "content-length": String(MAX_BODY_BYTES + 1) });
    await assert.rejects(readBodyBytes(req), tooLarge);
    assert.equal(req.bodyUsed, false);
  });

  test("a stream without a length is abandoned once it passes the limit", async () => {
    const { req, pulled } = streamed(50 * MAX_BODY_BYTES);
    await assert.rejects(readBodyBytes(req), tooLarge);
    assert.ok(pulled.bytes < MAX_BODY_BYTES + 4 * 65536, `pulled ${pulled.bytes} bytes`);
  });

  test("no body is zero bytes", async () => {
    assert.equal((await readBodyBytes(new Request("http://x/", { method: "POST" }))).byteLength, 0);
  });
});

describe("hasMalformedEscape", () => {
  test("escapes that do not decode", () => {
    for (const p of ["/api/x/%C0%AF/", "/api/x/%ZZ/", "/api/x/%/", "/api/x/%E0%A4%A/", "/api/x/%FF/"]) assert.equal(hasMalformedEscape(p), true, p);
  });

  test("plain and well-formed paths", () => {
    for (const p of ["/api/x/", "/api/x/%40me/", "/api/x/%E2%82%AC/", "/api/x/%2F/"]) assert.equal(hasMalformedEscape(p), false, p);
  });
});
