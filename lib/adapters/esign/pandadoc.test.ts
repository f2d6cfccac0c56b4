import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, beforeEach, describe, test } from "node:test";
import { freePort } from "../../../e2e/support/smtp";
import { startFakePandaDoc, type FakePandaDoc } from "../../../e2e/support/fake-pandadoc";
import { env } from "../../env";
import { createAdapters } from "../index";
import { esignFor, type PandaDocClient } from "./index";
import { pandadocClient, PandaDocError } from "./pandadoc";

const TEMPLATE = "ustHNnVaPCD6MzuoNBbZ8L";
const input = {
  name: "DPA — Acme Sp. z o.o.",
  templateId: TEMPLATE,
  recipients: [{ email: "lukasz@acme.test", role: "Signer", first_name: "Łukasz", last_name: "Żółć" }],
  tokens: [{ name: "Company.Name", value: "Acme Sp. z o.o." }],
};

/** Asserts that `run` rejects with a PandaDocError carrying these fields, and returns it. */
async function refused(run: () => Promise<unknown>, expected: Partial<Pick<PandaDocError, "status" | "type">>) {
  let caught: unknown;
  await run().then(() => assert.fail("expected a PandaDocError"), (err: unknown) => void (caught = err));
  assert.ok(caught instanceof PandaDocError, String(caught));
  for (const [key, value] of Object.entries(expected)) assert.equal(caught[key as keyof PandaDocError], value, key);
  return caught;
}

describe("pandadocClient against the fake PandaDoc", () => {
  let fake: FakePandaDoc;
  let client: PandaDocClient;
  before(async () => {
    fake = await startFakePandaDoc({ draftAfterMs: null });
    client = pandadocClient({ apiKey: fake.apiKey, baseUrl: `${fake.baseUrl}/` });
  });
  after(() => fake.stop());
  beforeEach(() => {
    fake.failVoid = false;
    fake.failures = {};
    fake.delayMs = 0;
  });

  const mutations = (id: string) => fake.calls.filter((c) => c.path.includes(id) && c.method !== "GET");
  const draft = async () => {
    const { id } = await client.createFromTemplate(input);
    await fake.toDraft(id);
    return id;
  };
  const sent = async () => {
    const id = await draft();
    await client.send(id, { subject: "Please sign", message: "Your DPA" });
    return id;
  };

  test("create from a template: the documented body, the API-Key header, and the new document uploaded", async () => {
    const created = await client.createFromTemplate(input);
    assert.equal(created.status, "document.uploaded");
    assert.match(created.id, /^[A-Za-z0-9]{22}$/);
    const call = fake.calls.at(-1)!;
    assert.deepEqual([call.method, call.path, call.authorized], ["POST", "/public/v1/documents", true]);
    assert.deepEqual(call.body, { name: input.name, template_uuid: TEMPLATE, recipients: input.recipients, tokens: input.tokens });
    assert.equal(await client.status(created.id), "document.uploaded");
    await fake.toDraft(created.id);
    assert.equal(await client.status(created.id), "document.draft");
  });

  test("PandaDoc's refusal comes back as a PandaDocError with its status, type and detail", async () => {
    const err = await refused(() => client.createFromTemplate({ ...input, recipients: [] }), { status: 400, type: "request_error" });
    assert.match(err.detail, /recipients/);
    fake.failures.create = 500;
    await refused(() => client.createFromTemplate(input), { status: 500, type: "server_error" });
    await refused(() => client.status("NoSuchDocument"), { status: 404, type: "not_found" });
  });

  test("send: only a draft is sent, with the subject and message", async () => {
    const { id } = await client.createFromTemplate(input);
    await refused(() => client.send(id, { subject: "s", message: "m" }), { status: 409 });
    await fake.toDraft(id);
    await client.send(id, { subject: "Please sign", message: "Your DPA" });
    assert.equal(await client.status(id), "document.sent");
    assert.deepEqual(fake.documents.get(id)?.sent, { subject: "Please sign", message: "Your DPA", silent: false });
    assert.equal(fake.calls.at(-2)?.path, `/public/v1/documents/${id}/send`);
  });

  test("cancel a draft (or a document still uploading): deleted, never voided", async () => {
    for (const id of [await draft(), (await client.createFromTemplate(input)).id]) {
      await client.cancel(id);
      assert.deepEqual(mutations(id).filter((c) => c.method !== "POST").map((c) => `${c.method} ${c.path}`), [`DELETE /public/v1/documents/${id}`]);
      assert.equal(fake.documents.has(id), false);
      await refused(() => client.status(id), { status: 404 });
    }
  });

  test("cancel a sent or viewed document: voided with status 11, not deleted", async () => {
    const id = await sent();
    const viewed = await sent();
    await fake.setStatus(viewed, "document.viewed");
    for (const doc of [id, viewed]) {
      await client.cancel(doc);
      assert.equal(await client.status(doc), "document.voided");
      const last = mutations(doc).at(-1)!;
      assert.deepEqual([last.method, last.path, last.body], ["PATCH", `/public/v1/documents/${doc}/status`, { status: 11 }]);
      assert.equal(mutations(doc).some((c) => c.method === "DELETE"), false);
    }
  });

  test("cancel is idempotent: voided, declined or gone documents need nothing more", async () => {
    const voided = await sent();
    await client.cancel(voided);
    const declined = await sent();
    await fake.setStatus(declined, "document.declined");
    const deleted = await draft();
    await client.cancel(deleted);
    const before = fake.calls.filter((c) => c.method !== "GET").length;
    for (const id of [voided, declined, deleted, "NeverExisted"]) await client.cancel(id);
    assert.equal(fake.calls.filter((c) => c.method !== "GET").length, before);
  });

  test("a 404 on delete or void (PandaDoc no longer has it) counts as cancelled; a 403 on a document still there does not", async () => {
    const id = await draft();
    fake.failures.delete = 404;
    await client.cancel(id);
    fake.failures = { void: 404 };
    await client.cancel(await sent());
    fake.failures = { delete: 403 };
    await refused(() => client.cancel(id), { status: 403 });
  });

  test("a completed (signed) document is not cancelled", async () => {
    const id = await sent();
    await fake.complete(id);
    const err = await refused(() => client.cancel(id), { type: "document_completed", status: null });
    assert.match(err.message, /completed/);
    assert.equal(await client.status(id), "document.completed");
    assert.equal(mutations(id).some((c) => c.method === "DELETE" || c.method === "PATCH"), false);
  });

  test("when PandaDoc cannot void or delete, cancel throws and the document is untouched", async () => {
    fake.failVoid = true;
    const live = await sent();
    const unsent = await draft();
    await refused(() => client.cancel(live), { status: 503 });
    await refused(() => client.cancel(unsent), { status: 503 });
    assert.equal(await client.status(live), "document.sent");
    assert.equal(await client.status(unsent), "document.draft");
  });

  test("download: the completed document's PDF bytes; before completion PandaDoc refuses", async () => {
    const id = await sent();
    await refused(() => client.download(id), { status: 409 });
    await fake.complete(id);
    const pdf = Buffer.from(await client.download(id));
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.match(pdf.toString("latin1"), new RegExp(`${id}\\) Tj[\\s\\S]*%%EOF\\n$`));
  });

  test("a wrong API key is refused with 401 and nothing is created", async () => {
    const count = fake.documents.size;
    const wrong = pandadocClient({ apiKey: "not-the-key", baseUrl: fake.baseUrl });
    await refused(() => wrong.createFromTemplate(input), { status: 401, type: "authentication_error" });
    assert.equal(fake.calls.at(-1)?.authorized, false);
    assert.equal(fake.documents.size, count);
  });

  test("a PandaDoc that does not answer in time: a timeout PandaDocError, not a hang", async () => {
    const id = await draft();
    fake.delayMs = 5_000;
    const slow = pandadocClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 200 });
    const started = Date.now();
    await refused(() => slow.cancel(id), { type: "timeout", status: null });
    assert.ok(Date.now() - started < 2_000);
    fake.delayMs = 0;
    assert.equal(await client.status(id), "document.draft");
  });
});

describe("pandadocClient without a PandaDoc", () => {
  test("an unreachable base URL is a network PandaDocError", async () => {
    const client = pandadocClient({ apiKey: "k", baseUrl: `http://127.0.0.1:${await freePort()}` });
    await refused(() => client.status("x"), { type: "network_error", status: null });
    await refused(() => client.cancel("x"), { type: "network_error", status: null });
  });

  test("an answer that is not PandaDoc's (not JSON, not a PDF, a redirected API call) is refused; a redirected download is followed", async () => {
    const server = createServer((req, res) => {
      if (req.url === "/public/v1/documents/moved/download") res.writeHead(302, { Location: "/files/signed.pdf" }).end();
      else if (req.url === "/files/signed.pdf") res.writeHead(200, { "Content-Type": "application/pdf" }).end("%PDF-1.4\n%%EOF\n");
      else if (req.url === "/public/v1/documents/moved") res.writeHead(302, { Location: "/elsewhere" }).end();
      else if (req.url?.endsWith("/download")) res.writeHead(200, { "Content-Type": "text/html" }).end("<html>proxy login</html>");
      else res.writeHead(200, { "Content-Type": "text/html" }).end("<html>hello</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const client = pandadocClient({ apiKey: "k", baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
      await refused(() => client.download("x"), { type: "unexpected_response", status: 200 });
      await refused(() => client.status("x"), { type: "unexpected_response" });
      await refused(() => client.createFromTemplate(input), { type: "unexpected_response" });
      assert.equal(Buffer.from(await client.download("moved")).toString("latin1"), "%PDF-1.4\n%%EOF\n");
      await refused(() => client.status("moved"), { type: "network_error" });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("esignFor", () => {
  const pandadocSettings = (baseUrl: string) => ({
    ...env(),
    ESIGN_PROVIDER: "pandadoc" as const,
    PANDADOC_API_KEY: "key-1",
    PANDADOC_BASE_URL: baseUrl,
    PANDADOC_BAA_TEMPLATE_ID: "baa-template",
    PANDADOC_DPA_TEMPLATE_ID: "dpa-template",
    PANDADOC_WEBHOOK_SECRET: "hook-secret",
  });

  test("the local signing page by default", () => {
    assert.deepEqual(esignFor({ ...env(), ESIGN_PROVIDER: "local" }), { kind: "local" });
    assert.deepEqual(createAdapters({ ...env(), ESIGN_PROVIDER: "local" }).esign, { kind: "local" });
  });

  test("pandadoc: the template ids, the webhook secret, and a client of the configured base URL with the key", async () => {
    const fake = await startFakePandaDoc({ apiKey: "key-1", draftAfterMs: null });
    try {
      const esign = createAdapters(pandadocSettings(fake.baseUrl)).esign;
      assert.equal(esign.kind, "pandadoc");
      if (esign.kind !== "pandadoc") return;
      assert.deepEqual(esign.templateIds, { BAA: "baa-template", DPA: "dpa-template" });
      assert.equal(esign.webhookSecret, "hook-secret");
      const { id } = await esign.client.createFromTemplate({ ...input, templateId: esign.templateIds.DPA });
      assert.equal(fake.documents.get(id)?.templateId, "dpa-template");
      assert.equal(fake.calls.at(-1)?.authorized, true);
    } finally {
      await fake.stop();
    }
  });

  test("pandadoc without a required setting is a configuration error", () => {
    assert.throws(() => esignFor({ ...pandadocSettings("https://api.pandadoc.com"), PANDADOC_WEBHOOK_SECRET: undefined }), /PANDADOC_WEBHOOK_SECRET is required/);
  });
});
