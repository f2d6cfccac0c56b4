import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { closeDb, getDb } from "../../../db/client";
import { activityLog, emailOutbox, jobs, legalDocuments, organizations } from "../../../db/schema";
import { defaultAdapters } from "../../adapters";
import { signLegalSigningToken, verifyLegalSigningToken } from "../../auth/legal-sign-token";
import { ADMIN, MEMBER } from "../../auth/permissions";
import { startSmtpCatcher } from "../../../e2e/support/smtp";
import { mailTransportFor } from "../../adapters/mail";
import { drainOutbox } from "../../jobs/kinds/mail-outbox";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { getAuthSecret } from "../instance";
import { Page } from "../page";
import { Redirect } from "../results";
import {
  createLegalDocument,
  deleteLegalDocument,
  downloadLegalDocument,
  getLegalDocument,
  inspectSigningLink,
  listLegalDocuments,
  resendLegalDocument,
  signWithLink,
} from "./index";
import { STORE_SIGNED_PDF_JOB } from "./signed";
import { storeSignedPdf } from "./store-pdf";

after(closeDb);

const body = (type = "DPA", extra: Record<string, unknown> = {}) => ({
  document_type: type,
  company_name: "Acme Łódź Sp. z o.o.",
  company_address: "ul. Piotrkowska 1, 90-001 Łódź, Poland",
  representative_email: "Legal@Acme.example",
  ...extra,
});

async function signingLinks(documentId: string) {
  const rows = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.relatedId, documentId));
  return rows.map((r) => /\/legal\/sign\/([\w-]+)/.exec(r.text)?.[1]);
}

const form = { full_name: "Łukasz Żółć", title: "CEO", consent: "on" };
const signing = (token: string, extra: Partial<typeof form> | Record<string, unknown> = {}) => ({
  token,
  form: { ...form, ...extra },
  address: "203.0.113.9",
  userAgent: "test-agent/1.0",
  requestId: "req-123",
});

describe("legal documents", () => {
  test("admins and owners only, reads included; personal API keys need the scope and never download", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER, ADMIN]);
    const [member, admin] = members;
    const doc = await call(createLegalDocument, sessionOf(admin), body(), org.id);
    assert.equal(doc.status, "submitted_for_signature");
    assert.deepEqual(doc.created_by, { first_name: admin.firstName, email: admin.email });
    const insufficient = { detail: "Your organization access level is insufficient." };
    await expectAppError(call(listLegalDocuments, sessionOf(member), {}, org.id), 403, "permission_denied", insufficient);
    await expectAppError(call(getLegalDocument, sessionOf(member), { id: doc.id }, org.id), 403, "permission_denied", insufficient);
    await expectAppError(call(createLegalDocument, sessionOf(member), body("BAA"), org.id), 403, "permission_denied", insufficient);
    await expectAppError(call(downloadLegalDocument, sessionOf(member), { id: doc.id }, org.id), 403, "permission_denied", insufficient);
    const page = await call(listLegalDocuments, sessionOf(owner), {}, org.id);
    assert.ok(page instanceof Page);
    assert.deepEqual(page.results.map((d) => d.id), [doc.id]);
    await expectAppError(call(listLegalDocuments, apiKeyOf(owner, ["organization:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'legal_document:read'",
    });
    await expectAppError(call(createLegalDocument, apiKeyOf(owner, ["legal_document:read"]), body("BAA"), org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'legal_document:write'",
    });
    await expectAppError(call(downloadLegalDocument, apiKeyOf(owner, ["*"]), { id: doc.id }, org.id), 403, "permission_denied", {
      detail: "This action does not support personal API key access",
    });
  });

  test("the create rules, one document per type, and another organization's document is 404", async () => {
    const { org, owner } = await makeOrganization();
    const session = sessionOf(owner);
    await expectAppError(call(createLegalDocument, session, body("MSA"), org.id), 400, "invalid_choice", { detail: '"MSA" is not a valid choice.', attr: "document_type" });
    await expectAppError(call(createLegalDocument, session, { ...body(), company_address: undefined }, org.id), 400, "required", { attr: "company_address" });
    await expectAppError(call(createLegalDocument, session, body("DPA", { company_name: "x".repeat(256) }), org.id), 400, "max_length", { attr: "company_name" });
    await expectAppError(call(createLegalDocument, session, body("DPA", { company_address: "x".repeat(513) }), org.id), 400, "max_length", { attr: "company_address" });
    await expectAppError(call(createLegalDocument, session, body("DPA", { representative_email: "nope" }), org.id), 400, "invalid_input", { attr: "representative_email" });
    const dpa = await call(createLegalDocument, session, body("DPA", { dpa_mode: "lawyer" }), org.id);
    assert.equal(dpa.representative_email, "legal@acme.example");
    await expectAppError(call(createLegalDocument, session, body("DPA"), org.id), 400, "invalid_input", {
      detail: "Your organization already has a DPA. Contact support if you need a new one.",
      attr: "document_type",
    });
    const baa = await call(createLegalDocument, session, body("BAA"), org.id);
    const page = (await call(listLegalDocuments, session, {}, org.id)) as Page<{ id: string }>;
    assert.deepEqual(page.results.map((d) => d.id), [baa.id, dpa.id], "newest first");

    const other = await makeOrganization();
    await call(createLegalDocument, sessionOf(other.owner), body("DPA"), other.org.id);
    for (const id of [dpa.id, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      await expectAppError(call(getLegalDocument, sessionOf(other.owner), { id }, other.org.id), 404, "not_found");
      await expectAppError(call(deleteLegalDocument, sessionOf(other.owner), { id }, other.org.id), 404, "not_found");
    }
    const [created] = await (await getDb())
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.organizationId, org.id), eq(activityLog.scope, "LegalDocument"), eq(activityLog.itemId, dpa.id)));
    assert.equal(created.activity, "created");
  });

  test("the local flow: one link, resent unchanged, signed once with the signer recorded, the PDF stored, then downloadable", async () => {
    const { org, owner } = await makeOrganization();
    const session = sessionOf(owner);
    const doc = await call(createLegalDocument, session, body("DPA"), org.id);
    const [token] = await signingLinks(doc.id);
    assert.ok(token);
    assert.equal(verifyLegalSigningToken(await getAuthSecret(await getDb()), token), doc.id);
    await call(resendLegalDocument, session, { id: doc.id }, org.id);
    assert.deepEqual(await signingLinks(doc.id), [token, token], "a resend carries the same link");

    const view = await inspectSigningLink(token);
    assert.equal(view.state, "valid");
    assert.ok(view.state === "valid" && view.text.sections.some((s) => s.paragraphs.join(" ").includes("Acme Łódź")));

    const tampered = token.slice(0, -2) + (token.endsWith("AA") ? "BA" : "AA");
    assert.equal((await inspectSigningLink(tampered)).state, "invalid");
    await expectAppError(signWithLink(await getDb(), defaultAdapters(), signing(tampered)), 403, "permission_denied");
    await expectAppError(signWithLink(await getDb(), defaultAdapters(), signing(token, { consent: undefined })), 400, "invalid_input", { attr: "consent" });
    await expectAppError(signWithLink(await getDb(), defaultAdapters(), signing(token, { full_name: " " })), 400, "blank", { attr: "full_name" });
    await expectAppError(call(downloadLegalDocument, session, { id: doc.id }, org.id), 404, "not_found");

    await signWithLink(await getDb(), defaultAdapters(), signing(token));
    const [row] = await (await getDb()).select().from(legalDocuments).where(eq(legalDocuments.id, doc.id));
    assert.equal(row.status, "signed");
    assert.equal(row.signerName, "Łukasz Żółć");
    assert.equal(row.signerAddress, "203.0.113.9");
    assert.equal(row.signingRequestId, "req-123");
    assert.equal((await inspectSigningLink(token)).state, "signed");
    await expectAppError(signWithLink(await getDb(), defaultAdapters(), signing(token)), 403, "permission_denied", { detail: "This document has already been signed." });
    await expectAppError(call(resendLegalDocument, session, { id: doc.id }, org.id), 400, "invalid_input");
    await expectAppError(call(downloadLegalDocument, session, { id: doc.id }, org.id), 404, "not_found", { detail: "Not found." });

    const queued = await (await getDb()).select().from(jobs).where(eq(jobs.uniqueKey, `${STORE_SIGNED_PDF_JOB}:${doc.id}`));
    assert.equal(queued.length, 1);
    const adapters = defaultAdapters();
    assert.equal(await storeSignedPdf(await getDb(), adapters, doc.id, new Date()), "stored");
    assert.equal(await storeSignedPdf(await getDb(), adapters, doc.id, new Date()), "skipped", "a repeat changes nothing");
    const pdf = await adapters.storage.get(`legal_documents/${org.id}/${doc.id}.pdf`);
    assert.equal(Buffer.from(pdf!.subarray(0, 5)).toString("latin1"), "%PDF-");
    const download = await call(downloadLegalDocument, session, { id: doc.id }, org.id);
    assert.ok(download instanceof Redirect);
    assert.equal(download.status, 302);
    assert.match(download.location, /^http.*legal_documents/);

    await expectAppError(call(deleteLegalDocument, session, { id: doc.id }, org.id), 403, "permission_denied", {
      detail: "Signed documents can't be deleted from the UI. Contact support if you need to remove a signed record.",
    });
  });

  test("deleting an unsigned document frees its type and kills its link; a signing link expires 14 days after the last send", async () => {
    const { org, owner } = await makeOrganization();
    const session = sessionOf(owner);
    const doc = await call(createLegalDocument, session, body("DPA"), org.id);
    const [token] = await signingLinks(doc.id);
    const later = new Date(Date.now() + 15 * 86_400_000);
    assert.equal((await inspectSigningLink(token!, later)).state, "expired");
    await expectAppError(signWithLink(await getDb(), defaultAdapters(), signing(token!), later), 403, "permission_denied", { detail: "This signing link has expired." });
    assert.equal(await call(deleteLegalDocument, session, { id: doc.id }, org.id), null);
    assert.equal((await inspectSigningLink(token!)).state, "invalid");
    const again = await call(createLegalDocument, session, body("DPA"), org.id);
    assert.notEqual(again.id, doc.id);
    const forged = signLegalSigningToken("another secret entirely, long enough", again.id);
    assert.equal((await inspectSigningLink(forged)).state, "invalid");
  });

  test("a signed BAA turns AI data processing off and emails the owners", async () => {
    const { org, owner } = await makeOrganization();
    const db = await getDb();
    await db.update(organizations).set({ isAiDataProcessingApproved: true }).where(eq(organizations.id, org.id));
    const doc = await call(createLegalDocument, sessionOf(owner), body("BAA"), org.id);
    const [token] = await signingLinks(doc.id);
    await signWithLink(db, defaultAdapters(), signing(token!));
    const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(after.isAiDataProcessingApproved, false);
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, org.id), eq(emailOutbox.kind, "legal_document_baa_signed")));
    assert.deepEqual(mails.map((m) => m.toAddress), [owner.email]);
    const entries = await db.select().from(activityLog).where(and(eq(activityLog.organizationId, org.id), eq(activityLog.itemId, doc.id)));
    assert.deepEqual(entries.map((e) => e.activity).sort(), ["created", "signed"]);
  });

  test("a signing request queued before its document was deleted is cancelled, not sent", async () => {
    const catcher = await startSmtpCatcher();
    try {
      const { org, owner } = await makeOrganization();
      const representative = `rep-${Date.now()}@acme.example`;
      const doc = await withEnv({ SMTP_URL: catcher.url }, () => call(createLegalDocument, sessionOf(owner), body("DPA", { representative_email: representative }), org.id));
      await call(deleteLegalDocument, sessionOf(owner), { id: doc.id }, org.id);
      await drainOutbox(await getDb(), mailTransportFor(catcher.url)!);
      const [row] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.relatedId, doc.id));
      assert.deepEqual([row.status, row.lastError], ["cancelled", "The document was deleted before the message was sent."]);
      assert.deepEqual(catcher.to(representative), []);
    } finally {
      await catcher.stop();
    }
  });
});
