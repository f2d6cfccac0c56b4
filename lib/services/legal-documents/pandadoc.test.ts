import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { closeDb, getDb } from "../../../db/client";
import { jobs, legalDocuments } from "../../../db/schema";
import { startFakePandaDoc, webhookBody, type FakePandaDoc } from "../../../e2e/support/fake-pandadoc";
import { defaultAdapters, type Adapters } from "../../adapters";
import { pandadocClient } from "../../adapters/esign/pandadoc";
import { expectAppError, makeOrganization, sessionOf } from "../../testing/fixtures";
import { execute, type Operation } from "../operation";
import { createLegalDocument, deleteLegalDocument, handlePandadocWebhook, resendLegalDocument } from "./index";
import { SEND_ENVELOPE_JOB, sendEnvelopeWhenReady, SIGNER_ROLE } from "./envelopes";
import { storeSignedPdf } from "./store-pdf";

const SECRET = "pandadoc-webhook-secret";
let fake: FakePandaDoc;
let adapters: Adapters;

before(async () => {
  fake = await startFakePandaDoc({ apiKey: "test-key", draftAfterMs: null });
  adapters = {
    ...defaultAdapters(),
    esign: { kind: "pandadoc", client: pandadocClient({ apiKey: "test-key", baseUrl: fake.baseUrl }), templateIds: { BAA: "tpl-baa", DPA: "tpl-dpa" }, webhookSecret: SECRET },
  };
});
after(async () => {
  await fake.stop();
  await closeDb();
});

async function run<S extends z.ZodType, R>(op: Operation<S, R>, owner: Parameters<typeof sessionOf>[0], input: unknown, organizationId: string) {
  return execute(op, { db: await getDb(), principal: sessionOf(owner), input, organizationId, adapters });
}

const body = (type: string) => ({ document_type: type, company_name: "Acme", company_address: "1 Main St", representative_email: "rep@acme.example" });

function delivery(id: string, status: string, secret = SECRET) {
  const raw = webhookBody({ id, status });
  return { rawBody: new TextEncoder().encode(raw), signature: createHmac("sha256", secret).update(raw).digest("hex") };
}

const rowOf = async (id: string) => (await (await getDb()).select().from(legalDocuments).where(eq(legalDocuments.id, id)))[0];

describe("legal documents through PandaDoc", () => {
  test("create makes the envelope from the type's template; draft sends it; completed signs it and the PDF is downloaded", async () => {
    const { org, owner } = await makeOrganization();
    const doc = await run(createLegalDocument, owner, body("BAA"), org.id);
    const row = await rowOf(doc.id);
    assert.equal(row.esignProvider, "pandadoc");
    const envelope = fake.documents.get(row.envelopeId!);
    assert.equal(envelope?.templateId, "tpl-baa");
    assert.deepEqual(envelope?.recipients, [{ email: "rep@acme.example", role: SIGNER_ROLE }]);

    const db = await getDb();
    await assert.rejects(handlePandadocWebhook(db, adapters, delivery(row.envelopeId!, "document.draft", "wrong secret")), /Not found/);
    await handlePandadocWebhook(db, adapters, delivery("unknown-envelope", "document.completed"));
    await assert.rejects(sendEnvelopeWhenReady(db, adapters, doc.id), /not a draft yet/, "an envelope still uploading is retried");
    await fake.toDraft(row.envelopeId!);
    await handlePandadocWebhook(db, adapters, delivery(row.envelopeId!, "document.draft"));
    const queued = await db.select().from(jobs).where(eq(jobs.uniqueKey, `${SEND_ENVELOPE_JOB}:${doc.id}`));
    assert.equal(queued.length, 1, "the create and the webhook queue one job");
    assert.equal(await sendEnvelopeWhenReady(db, adapters, doc.id), "sent");
    assert.ok(fake.documents.get(row.envelopeId!)?.sent, "the draft was sent");
    assert.equal(await sendEnvelopeWhenReady(db, adapters, doc.id), "skipped", "sent once");

    await fake.complete(row.envelopeId!);
    await handlePandadocWebhook(db, adapters, delivery(row.envelopeId!, "document.completed"));
    assert.equal((await rowOf(doc.id)).status, "signed");
    assert.equal(await storeSignedPdf(db, adapters, doc.id, new Date()), "stored");
    const pdf = await adapters.storage.get(`legal_documents/${org.id}/${doc.id}.pdf`);
    assert.equal(Buffer.from(pdf!.subarray(0, 5)).toString("latin1"), "%PDF-");
  });

  test("delete cancels the envelope first: when PandaDoc fails the row stays (503); then it goes", async () => {
    const { org, owner } = await makeOrganization();
    const doc = await run(createLegalDocument, owner, body("DPA"), org.id);
    const { envelopeId } = await rowOf(doc.id);
    await fake.toDraft(envelopeId!);
    assert.equal(await sendEnvelopeWhenReady(await getDb(), adapters, doc.id), "sent");
    // Resend asks PandaDoc to send the envelope again (the fake accepts a send from a draft only).
    await fake.setStatus(envelopeId!, "document.draft");
    await run(resendLegalDocument, owner, { id: doc.id }, org.id);
    assert.equal(fake.documents.get(envelopeId!)?.status, "document.sent");
    fake.failVoid = true;
    try {
      await expectAppError(run(deleteLegalDocument, owner, { id: doc.id }, org.id), 503, "legal_document_void_failed", {
        detail: "Couldn't cancel the PandaDoc envelope. Please try again, or contact support if this keeps happening.",
      });
    } finally {
      fake.failVoid = false;
    }
    assert.ok(await rowOf(doc.id));
    assert.equal(await run(deleteLegalDocument, owner, { id: doc.id }, org.id), null);
    assert.equal(await rowOf(doc.id), undefined);
    assert.equal(fake.documents.get(envelopeId!)?.status, "document.voided");
  });

  test("a PandaDoc failure on create keeps nothing (503)", async () => {
    const { org, owner } = await makeOrganization();
    fake.failures.create = 500;
    try {
      await expectAppError(run(createLegalDocument, owner, body("DPA"), org.id), 503, "legal_document_send_failed");
    } finally {
      delete fake.failures.create;
    }
    const rows = await (await getDb()).select().from(legalDocuments).where(eq(legalDocuments.organizationId, org.id));
    assert.equal(rows.length, 0);
  });
});
