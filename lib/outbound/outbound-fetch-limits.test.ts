import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { withEnv } from "../testing/fixtures";
import { outboundFetch, OUTBOUND_DEFAULTS, type OutboundRequestInit } from "./outbound-fetch";
import { OutboundError, type OutboundReason } from "./outbound-error";
import { startTestHttp, type TestHttp } from "./test-servers";

/** Local servers need ORGDECK_ALLOW_PRIVATE_URLS=1; the limits under test apply the same way without it. */
const fetchLocal = (url: string, init?: OutboundRequestInit) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () => outboundFetch(url, init));

async function fails(url: string, init: OutboundRequestInit, reason: OutboundReason, message?: RegExp) {
  await assert.rejects(fetchLocal(url, init), (err: unknown) => {
    assert.ok(err instanceof OutboundError, `expected an OutboundError, got ${String(err)}`);
    assert.equal(err.reason, reason, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe("outboundFetch limits and responses", () => {
  let http: TestHttp;
  let base = "";

  before(async () => {
    http = await startTestHttp((req, res) => {
      const path = req.url ?? "";
      if (path === "/kib") res.end("x".repeat(1024));
      else if (path === "/declared") res.writeHead(200, { "content-length": 2048 }).end("x".repeat(2048));
      else if (path === "/chunked") {
        // No Content-Length: only counting the stream can notice it is too big.
        res.writeHead(200);
        const chunk = "y".repeat(64 * 1024);
        let sent = 0;
        const more = () => (sent++ < 20 && !res.destroyed ? res.write(chunk, more) : res.end());
        more();
      } else if (path === "/silent") {
        // Never answers.
      } else if (path === "/stall-body") res.writeHead(200).write("partial");
      else if (path === "/cut") res.writeHead(200, { "content-length": 100 }).write("x", () => res.socket?.destroy());
      else if (path === "/redirect") res.writeHead(302, { location: "http://127.0.0.1/elsewhere" }).end();
      else if (path === "/echo") res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ ua: req.headers["user-agent"], x: req.headers["x-test"] }));
      else res.end("not json");
    });
    base = `http://127.0.0.1:${http.port}`;
  });
  after(() => http.close());

  test("a body up to maxBytes is read in full", async () => {
    const res = await fetchLocal(`${base}/kib`, { maxBytes: 1024 });
    assert.equal(res.body.length, 1024);
  });

  test("a body over maxBytes is refused, by Content-Length or by counting the stream", async () => {
    await fails(`${base}/kib`, { maxBytes: 1023 }, "too_large", /larger than 1023 bytes/);
    await fails(`${base}/declared`, { maxBytes: 1024 }, "too_large");
    await fails(`${base}/chunked`, { maxBytes: 100_000 }, "too_large");
  });

  test("the default limit is 1 MiB", async () => {
    assert.equal(OUTBOUND_DEFAULTS.maxBytes, 1024 * 1024);
    await fails(`${base}/chunked`, {}, "too_large", /larger than 1048576 bytes/);
  });

  test("a server that does not answer, or stops mid-body, runs into the total timeout", async () => {
    await fails(`${base}/silent`, { timeoutMs: 300 }, "timeout", /did not answer within 0\.3 s/);
    await fails(`${base}/stall-body`, { timeoutMs: 300 }, "timeout");
  });

  test("a connection cut before the body ends is a network error", async () => {
    await fails(`${base}/cut`, {}, "network", /broke off/);
  });

  test("nothing listening is a network error", async () => {
    const closed = await startTestHttp(() => {});
    await closed.close();
    await fails(`http://127.0.0.1:${closed.port}/`, {}, "network", /ECONNREFUSED/);
  });

  test("redirects are returned, not followed", async () => {
    const before = http.seen.length;
    const res = await fetchLocal(`${base}/redirect`);
    assert.equal(res.status, 302);
    assert.equal(res.ok, false);
    assert.equal(res.headers.location, "http://127.0.0.1/elsewhere");
    assert.equal(http.seen.length, before + 1);
  });

  test("method, headers and body are sent; json() parses and names a bad body", async () => {
    const res = await fetchLocal(`${base}/echo`, { method: "post", headers: { "x-test": "1" }, body: '{"a":1}' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.json(), { ua: "Orgdeck", x: "1" });
    assert.deepEqual(http.seen.at(-1)?.method, "POST");
    assert.equal(http.seen.at(-1)?.body, '{"a":1}');
    const text = await fetchLocal(`${base}/other`);
    assert.throws(() => text.json(), (err) => err instanceof OutboundError && err.reason === "bad_response");
  });
});
