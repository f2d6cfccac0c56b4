import { expect, test } from "./recording";
import { bearer, uniqueEmail } from "../support/cli";
import { postPandadocWebhook, webhookBody, type FakePandaDoc } from "../support/fake-pandadoc";
import { startPandadocServer } from "../support/legal-documents";
import { E, err, expectError, expectOk } from "./helpers";
import { documentBody, organizationOn, type SecondServer } from "./legal-documents-server";

/**
 * Legal documents through PandaDoc, on a second server (port 3946) with ESIGN_PROVIDER=pandadoc pointed at a fake that
 * answers like PandaDoc's documented endpoints and posts its signed webhooks back to that server.
 */
test.describe.configure({ mode: "serial" });

const SECRET = "legal-spec-webhook-secret";
const API_KEY = "legal-spec-api-key";
let server: SecondServer;
let fake: FakePandaDoc;
let hook = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ server, fake, hook } = await startPandadocServer({ port: Number(process.env.E2E_LEGAL_PANDADOC_PORT ?? 3946), apiKey: API_KEY, secret: SECRET }));
});
test.afterAll(async () => {
  server?.stop();
  await fake?.stop();
});

const docs = (orgId: string, rest = "") => `${server.baseURL}/api/organizations/${orgId}/legal_documents/${rest}`;
const envelopeOf = (email: string) => [...fake.documents.values()].find((d) => JSON.stringify(d.recipients).includes(email));
const voidFailed = err(
  "server_error",
  "legal_document_void_failed",
  "Couldn't cancel the PandaDoc envelope. Please try again, or contact support if this keeps happening.",
);

test.describe("legal documents through PandaDoc", () => {
  test("create makes the envelope from the template; a bad signature is 404; draft sends it; completed signs it and its PDF downloads", async ({ request }) => {
    test.setTimeout(60_000);
    const { org, key, cookie } = await organizationOn(server);
    const representative = uniqueEmail("rep");
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("DPA", representative) }), 201);
    expect(doc.status).toBe("submitted_for_signature");
    const envelope = envelopeOf(representative)!;
    expect(envelope.templateId).toBe("template-dpa");
    expect(envelope.recipients).toEqual([{ email: representative, role: "Signer" }]);
    expect(envelope.tokens).toEqual(expect.arrayContaining([{ name: "Company.Name", value: "Żabka Łódź Sp. z o.o." }]));

    const body = webhookBody({ id: envelope.id, status: "document.completed" });
    for (const signature of ["0".repeat(64), "not hex", ""]) {
      const res = await postPandadocWebhook(hook, body, SECRET, { signature });
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text)).toEqual(E.notFound);
    }
    expect((await postPandadocWebhook(hook, body, "another secret")).status).toBe(404);
    expect((await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }))).status).toBe("submitted_for_signature");
    expect((await postPandadocWebhook(hook, webhookBody({ id: "unknown-envelope", status: "document.completed" }), SECRET)).status).toBe(204);
    expect((await postPandadocWebhook(hook, webhookBody({ id: envelope.id, status: "document.viewed" }), SECRET, { via: "header" })).status).toBe(204);

    // The fake turns the document into a draft and tells the server, which sends it.
    await expect.poll(() => envelope.status, { timeout: 15_000 }).toBe("document.sent");
    expect(fake.deliveries.find((d) => d.id === envelope.id && d.status === "document.draft")?.responseStatus).toBe(204);
    await expectError(await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 }), 404, E.notFound);

    await fake.complete(envelope.id);
    expect((await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }))).status).toBe("signed");
    await expect.poll(async () => (await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 })).status(), { timeout: 20_000 }).toBe(302);
    const download = await request.get(docs(org.id, `${doc.id}/download/`), { headers: cookie, maxRedirects: 0 });
    const file = await fetch(download.headers().location);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await expectError(
      await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(key) }),
      403,
      E.denied("Signed documents can't be deleted from the UI. Contact support if you need to remove a signed record."),
    );
  });

  test("delete voids the envelope first: PandaDoc failing is 503 with the document kept; then 204 and the envelope voided", async ({ request }) => {
    const { org, key } = await organizationOn(server);
    const representative = uniqueEmail("rep");
    const doc = await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("BAA", representative) }), 201);
    const envelope = envelopeOf(representative)!;
    expect(envelope.templateId).toBe("template-baa");
    await expect.poll(() => envelope.status, { timeout: 15_000 }).toBe("document.sent");
    fake.failVoid = true;
    try {
      await expectError(await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(key) }), 503, voidFailed);
    } finally {
      fake.failVoid = false;
    }
    expect(await expectOk(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }))).toEqual(doc);
    await expectOk(await request.delete(docs(org.id, `${doc.id}/`), { headers: bearer(key) }), 204);
    expect(envelope.status).toBe("document.voided");
    await expectError(await request.get(docs(org.id, `${doc.id}/`), { headers: bearer(key) }), 404, E.notFound);
    await expectOk(await request.post(docs(org.id), { headers: bearer(key), data: documentBody("BAA", representative) }), 201);
  });

  test("PandaDoc failing on create keeps nothing: 503", async ({ request }) => {
    const { org, key } = await organizationOn(server);
    fake.failures.create = 502;
    try {
      const res = await request.post(docs(org.id), { headers: bearer(key), data: documentBody("DPA", uniqueEmail("rep")) });
      await expectError(res, 503, err("server_error", "legal_document_send_failed", "Couldn't create the PandaDoc envelope. Please try again, or contact support if this keeps happening."));
    } finally {
      delete fake.failures.create;
    }
    expect((await expectOk(await request.get(docs(org.id), { headers: bearer(key) }))).count).toBe(0);
  });
});
