import { and, count, desc, eq } from "drizzle-orm";
import { legalDocuments, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { AppError, invalidInput, permissionDenied } from "../../errors";
import { enqueueJob } from "../../jobs/enqueue";
import { log } from "../../log";
import { createLegalDocumentInput, legalDocumentIdInput, listLegalDocumentsInput } from "../../schemas/legal-documents";
import { recordActivity, wholeObjectChanges } from "../activity";
import { isUniqueViolation } from "../db-errors";
import { getAuthSecret } from "../instance";
import { operation } from "../operation";
import { notifyOutbox } from "../outbox";
import { Page } from "../page";
import { Redirect } from "../results";
import { createEnvelope, SEND_ENVELOPE_JOB, sendEnvelope } from "./envelopes";
import { auditedFields, documentName, documentSha256, LEGAL_DOCUMENT_SCOPE, legalDocumentOf, serializeLegalDocument, textOf } from "./rows";
import { queueSigningEmail } from "./signing-email";

/** The organization's legal documents, newest first (administrators and owners only, reads included). */
export const listLegalDocuments = operation({
  permission: "legal_document:read",
  callers: USER_CALLERS,
  input: listLegalDocumentsInput,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(legalDocuments.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db
        .select({ row: legalDocuments, createdBy: users })
        .from(legalDocuments)
        .leftJoin(users, eq(users.id, legalDocuments.createdById))
        .where(where)
        .orderBy(desc(legalDocuments.createdAt), desc(legalDocuments.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(legalDocuments).where(where),
    ]);
    return new Page(rows.map(({ row, createdBy }) => serializeLegalDocument(row, createdBy)), total.n, { limit, offset });
  },
});

/** One legal document of the organization; any other id, malformed ones included, is 404. */
export const getLegalDocument = operation({
  permission: "legal_document:read",
  callers: USER_CALLERS,
  input: legalDocumentIdInput,
  run: async ({ db, organization }, { id }) => {
    const { row, createdBy } = await legalDocumentOf(db, organization.id, id);
    return serializeLegalDocument(row, createdBy);
  },
});

const alreadyHas = (type: string) => invalidInput(`Your organization already has a ${type}. Contact support if you need a new one.`, "document_type");

/**
 * Generates a DPA or a BAA for signature, at most one of each type per organization (the unique index decides under
 * concurrency). With the local provider the representative is emailed a signing link; with PandaDoc the envelope is
 * created from the type's template first, and a failure there is 503 with nothing kept.
 */
export const createLegalDocument = operation({
  permission: "legal_document:write",
  callers: USER_CALLERS,
  input: createLegalDocumentInput,
  run: async ({ db, organization, principal, user, now, adapters }, input) => {
    const fields = {
      documentType: input.document_type,
      companyName: input.company_name,
      companyAddress: input.company_address,
      representativeEmail: input.representative_email,
    };
    const text = textOf(fields);
    const [existing] = await db
      .select({ id: legalDocuments.id })
      .from(legalDocuments)
      .where(and(eq(legalDocuments.organizationId, organization.id), eq(legalDocuments.documentType, input.document_type)));
    if (existing) throw alreadyHas(input.document_type);
    const envelopeId = adapters.esign.kind === "pandadoc" ? await createEnvelope(adapters.esign, { ...fields, title: text.title }) : null;
    // Read before the transaction: on the embedded database a query outside it would wait for it to end.
    const secret = await getAuthSecret(db);
    try {
      const created = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(legalDocuments)
          .values({
            organizationId: organization.id,
            ...fields,
            esignProvider: adapters.esign.kind,
            envelopeId,
            templateVersion: text.templateVersion,
            documentSha256: documentSha256(text),
            lastSentAt: now,
            createdById: user?.id ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await recordActivity(
          tx,
          principal,
          { organizationId: organization.id, scope: LEGAL_DOCUMENT_SCOPE, itemId: row.id, activity: "created", name: documentName(row), changes: wholeObjectChanges(LEGAL_DOCUMENT_SCOPE, "created", auditedFields(row)) },
          now,
        );
        if (row.esignProvider === "local") await queueSigningEmail(tx, adapters, row, user, secret, now);
        else await enqueueJob(tx, SEND_ENVELOPE_JOB, { document_id: row.id }, { runAt: now, uniqueKey: `${SEND_ENVELOPE_JOB}:${row.id}` });
        return row;
      });
      notifyOutbox();
      return serializeLegalDocument(created, user);
    } catch (err) {
      if (envelopeId && adapters.esign.kind === "pandadoc") {
        await adapters.esign.client.cancel(envelopeId).catch((cancelErr: unknown) => log.warn({ err: cancelErr, envelope_id: envelopeId }, "could not cancel an envelope of a document not kept"));
      }
      if (isUniqueViolation(err)) throw alreadyHas(input.document_type);
      throw err;
    }
  },
});

const signedStays = () => permissionDenied("Signed documents can't be deleted from the UI. Contact support if you need to remove a signed record.");

/**
 * Deletes a document not yet signed, which frees its type; a signed one stays (403). A PandaDoc envelope is cancelled
 * first, and when that fails the document is kept and the answer is 503.
 */
export const deleteLegalDocument = operation({
  permission: "legal_document:write",
  callers: USER_CALLERS,
  input: legalDocumentIdInput,
  run: async ({ db, organization, principal, now, adapters }, { id }) => {
    const { row: found } = await legalDocumentOf(db, organization.id, id);
    if (found.status === "signed") throw signedStays();
    if (found.envelopeId) {
      // Cancelled before the row goes: once cancelled the envelope can no longer be signed, so nothing can slip in.
      if (adapters.esign.kind !== "pandadoc") throw new AppError("legal_document_void_failed");
      try {
        await adapters.esign.client.cancel(found.envelopeId);
      } catch (err) {
        log.warn({ err, envelope_id: found.envelopeId }, "could not cancel a PandaDoc envelope");
        throw new AppError("legal_document_void_failed");
      }
    }
    await db.transaction(async (tx) => {
      const { row } = await legalDocumentOf(tx, organization.id, found.id, { lock: true });
      if (row.status === "signed") throw signedStays();
      await tx.delete(legalDocuments).where(eq(legalDocuments.id, row.id));
      await recordActivity(
        tx,
        principal,
        { organizationId: organization.id, scope: LEGAL_DOCUMENT_SCOPE, itemId: row.id, activity: "deleted", name: documentName(row), changes: wholeObjectChanges(LEGAL_DOCUMENT_SCOPE, "deleted", auditedFields(row)) },
        now,
      );
    });
    return null;
  },
});

/**
 * Sends the signing request again: the local provider re-queues the email with the same link, valid 14 days from
 * now; PandaDoc sends its envelope again. A signed document is 400.
 */
export const resendLegalDocument = operation({
  permission: "legal_document:write",
  callers: USER_CALLERS,
  input: legalDocumentIdInput,
  run: async ({ db, organization, principal, user, now, adapters }, { id }) => {
    const { row: found } = await legalDocumentOf(db, organization.id, id);
    if (found.status === "signed") throw invalidInput("This document is already signed.");
    if (found.envelopeId) {
      if (adapters.esign.kind !== "pandadoc") throw new AppError("legal_document_send_failed");
      await sendEnvelope(adapters.esign, found);
    }
    const secret = await getAuthSecret(db);
    const result = await db.transaction(async (tx) => {
      const { row, createdBy } = await legalDocumentOf(tx, organization.id, found.id, { lock: true });
      if (row.status === "signed") throw invalidInput("This document is already signed.");
      const [after] = await tx
        .update(legalDocuments)
        .set({ lastSentAt: now, sendCount: row.sendCount + 1, updatedAt: now })
        .where(eq(legalDocuments.id, row.id))
        .returning();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: LEGAL_DOCUMENT_SCOPE, itemId: row.id, activity: "resent", name: documentName(row) }, now);
      if (after.esignProvider === "local") await queueSigningEmail(tx, adapters, after, user, secret, now);
      return serializeLegalDocument(after, createdBy);
    });
    notifyOutbox();
    return result;
  },
});

/** The file name a signed document downloads as: "DPA Acme Inc.pdf". */
const downloadName = (row: { documentType: string; companyName: string }) => `${row.documentType} ${row.companyName}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim() + ".pdf";

/**
 * Redirects to the signed PDF through a link that works for 60 seconds; 404 until the document is signed and its PDF
 * stored. From a person only: personal API keys are refused.
 */
export const downloadLegalDocument = operation({
  permission: "legal_document:download",
  callers: USER_CALLERS,
  input: legalDocumentIdInput,
  run: async ({ db, organization, now, adapters }, { id }) => {
    const { row } = await legalDocumentOf(db, organization.id, id);
    if (row.status !== "signed" || !row.signedPdfStored || !row.signedPdfKey) throw new AppError("not_found");
    const url = await adapters.storage.presignGet(row.signedPdfKey, { expiresInSeconds: 60, now, secret: await getAuthSecret(db), filename: downloadName(row) });
    return new Redirect(url);
  },
});
