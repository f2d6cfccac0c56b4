import assert from "node:assert/strict";
import { createServer } from "node:http";
import { describe, test } from "node:test";
import { startFakePandaDoc } from "../../../e2e/support/fake-pandadoc";
import { parsePandadocEvents, verifyPandadocSignature } from "./webhook-signature";

// Computed with `openssl dgst -sha256 -hmac shared-key-123`, not with the code under test.
const BODY = '[{"event":"document_state_changed","data":{"id":"msFYActMfJHqNTKH8YSvF1","status":"document.completed"}}]';
const SECRET = "shared-key-123";
const SIGNATURE = "17a054929ef3852e35fc00874ead6d8f74ab8907aee451565810cf54b87f23bb";

describe("verifyPandadocSignature", () => {
  test("the hex HMAC-SHA256 of the raw body under the shared key passes, as text or bytes, in either case", () => {
    assert.equal(verifyPandadocSignature(BODY, SIGNATURE, SECRET), true);
    assert.equal(verifyPandadocSignature(new TextEncoder().encode(BODY), SIGNATURE, SECRET), true);
    assert.equal(verifyPandadocSignature(BODY, SIGNATURE.toUpperCase(), SECRET), true);
  });

  test("a body with non-ASCII text is signed as its UTF-8 bytes", () => {
    assert.equal(verifyPandadocSignature("Łukasz 東京", "8ee41fa5caf0cc87aa3d571a2b5d32407f0e0c3e88d111ebc8a4c8f192e3a4d9", "k"), true);
  });

  test("a tampered body, another key or another signature fails", () => {
    assert.equal(verifyPandadocSignature(BODY.replace("completed", "completeD"), SIGNATURE, SECRET), false);
    assert.equal(verifyPandadocSignature(`${BODY} `, SIGNATURE, SECRET), false);
    assert.equal(verifyPandadocSignature(BODY, SIGNATURE, "shared-key-124"), false);
    assert.equal(verifyPandadocSignature(BODY, `${SIGNATURE.slice(0, 63)}c`, SECRET), false);
  });

  test("missing or malformed signatures, and an empty key, fail without throwing", () => {
    for (const signature of [null, undefined, "", "   ", SIGNATURE.slice(0, 62), `${SIGNATURE}00`, `sha256=${SIGNATURE}`, "z".repeat(64)]) {
      assert.equal(verifyPandadocSignature(BODY, signature, SECRET), false, String(signature));
    }
    assert.equal(verifyPandadocSignature(BODY, SIGNATURE, ""), false);
  });

  test("what the fake PandaDoc posts verifies, from the query parameter and from the header; a forged one does not", async () => {
    const received: Array<{ raw: string; query: string | null; header: string | undefined }> = [];
    const receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const header = req.headers["x-pandadoc-signature"];
      received.push({ raw: Buffer.concat(chunks).toString("utf8"), query: new URL(req.url ?? "/", "http://x").searchParams.get("signature"), header: typeof header === "string" ? header : undefined });
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const fake = await startFakePandaDoc();
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/api/legal_documents/pandadoc`;
      assert.equal((await fake.postWebhook(url, "docA", "document.draft", SECRET))?.status, 204);
      await fake.postWebhook(url, "docA", "document.completed", SECRET, { via: "header" });
      await fake.postWebhook(url, "docA", "document.completed", SECRET, { signature: "0".repeat(64) });
      const [byQuery, byHeader, forged] = received;
      assert.equal(verifyPandadocSignature(byQuery.raw, byQuery.query, SECRET), true);
      assert.equal(verifyPandadocSignature(byQuery.raw, byQuery.query, "another-key"), false);
      assert.equal(byHeader.query, null);
      assert.equal(verifyPandadocSignature(byHeader.raw, byHeader.header, SECRET), true);
      assert.equal(verifyPandadocSignature(forged.raw, forged.query, SECRET), false);
      assert.deepEqual(parsePandadocEvents(byQuery.raw), [{ event: "document_state_changed", id: "docA", status: "document.draft" }]);
    } finally {
      await fake.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe("parsePandadocEvents", () => {
  test("every document_state_changed item, in order; other events and malformed items are skipped", () => {
    const raw = JSON.stringify([
      { event: "document_state_changed", data: { id: "a", status: "document.draft", name: "DPA", recipients: [] } },
      { event: "recipient_completed", data: { id: "a", status: "document.sent" } },
      { event: "document_state_changed", data: { id: "b" } },
      { event: "document_state_changed", data: { id: 7, status: "document.sent" } },
      { event: "document_state_changed", data: { id: "", status: "document.sent" } },
      { event: "document_state_changed" },
      null,
      "document_state_changed",
      { event: "document_state_changed", data: { id: "c", status: "document.completed" } },
    ]);
    assert.deepEqual(parsePandadocEvents(raw), [
      { event: "document_state_changed", id: "a", status: "document.draft" },
      { event: "document_state_changed", id: "c", status: "document.completed" },
    ]);
  });

  test("a body that is not a JSON array gives no events and throws nothing", () => {
    for (const raw of ["", "not json", "{", "null", "42", '"x"', JSON.stringify({ event: "document_state_changed", data: { id: "a", status: "document.draft" } }), "[]"]) {
      assert.deepEqual(parsePandadocEvents(raw), [], raw);
    }
  });
});
