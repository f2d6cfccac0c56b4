import assert from "node:assert/strict";
import { createServer } from "node:http";
import { describe, test } from "node:test";
import { startFakePandaDoc } from "../../../e2e/support/fake-pandadoc";
import { pandadocClient } from "./pandadoc";
import { parsePandadocEvents, verifyPandadocSignature } from "./webhook-signature";

// The fake lives in e2e/support (the Playwright specs start it too); its webhook behaviour is checked here, where unit tests run.
describe("the fake PandaDoc's webhook notifications", () => {
  test("with a webhook target, each status change (draft, sent, completed) is posted there signed with the shared key", async () => {
    const received: Array<{ raw: string; signature: string | null }> = [];
    const receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({ raw: Buffer.concat(chunks).toString("utf8"), signature: new URL(req.url ?? "/", "http://x").searchParams.get("signature") });
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/api/legal_documents/pandadoc`;
    const fake = await startFakePandaDoc({ draftAfterMs: 20, webhook: { url, secret: "hook-secret" } });
    try {
      const client = pandadocClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl });
      const { id } = await client.createFromTemplate({ name: "BAA", templateId: "t", recipients: [{ email: "a@b.test", role: "Signer" }], tokens: [] });
      assert.equal((await fake.waitForDelivery((d) => d.id === id && d.status === "document.draft")).responseStatus, 204);
      await client.send(id, { subject: "s", message: "m" });
      await fake.waitForDelivery((d) => d.id === id && d.status === "document.sent");
      await fake.complete(id);
      const events = received.flatMap((r) => {
        assert.equal(verifyPandadocSignature(r.raw, r.signature, "hook-secret"), true);
        return parsePandadocEvents(r.raw);
      });
      assert.deepEqual(events.map((e) => `${e.id} ${e.status}`), [`${id} document.draft`, `${id} document.sent`, `${id} document.completed`]);
    } finally {
      await fake.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
