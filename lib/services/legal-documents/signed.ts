import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { legalDocuments, organizationMemberships, organizations, users } from "../../../db/schema";
import type { Adapters } from "../../adapters";
import { OWNER } from "../../auth/permissions";
import { ANONYMOUS, type Principal } from "../../auth/principal";
import { env } from "../../env";
import { enqueueJob } from "../../jobs/enqueue";
import { recordActivity } from "../activity";
import { renderBaaSignedEmail } from "../emails/legal-documents";
import { enqueueEmail } from "../outbox";
import { documentName, LEGAL_DOCUMENT_SCOPE, type LegalDocumentRow } from "./rows";

/** The job that stores a signed document's PDF (rendered here, or downloaded from PandaDoc). */
export const STORE_SIGNED_PDF_JOB = "legal_documents.store_signed_pdf";

/** Who signed, as the local signing page records it; PandaDoc keeps its own audit trail. */
export type SignerRecord = { name: string; title: string; address: string | null; userAgent: string | null; requestId: string };

/** A BAA signed: AI data processing is turned off for the organization, recorded, and its owners are told. */
async function optOutOfAiProcessing(tx: Executor, adapters: Pick<Adapters, "mail">, organizationId: string, principal: Principal, now: Date) {
  const [before] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
  if (!before) return;
  if (before.isAiDataProcessingApproved !== false) {
    await tx.update(organizations).set({ isAiDataProcessingApproved: false }).where(eq(organizations.id, organizationId));
    await recordActivity(
      tx,
      principal,
      {
        organizationId,
        scope: "Organization",
        itemId: organizationId,
        activity: "updated",
        name: before.name,
        changes: [{ type: "Organization", field: "is_ai_data_processing_approved", action: "changed", before: before.isAiDataProcessingApproved, after: false }],
      },
      now,
    );
  }
  const owners = await tx
    .select({ email: users.email })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.level, OWNER), isNull(organizationMemberships.suspendedAt)));
  const email = renderBaaSignedEmail({ organizationName: before.name, settingsUrl: `${env().SITE_URL}/organizations/${organizationId}/settings` });
  for (const owner of owners) {
    await enqueueEmail(tx, adapters, { organizationId, kind: "legal_document_baa_signed", to: owner.email, ...email }, now);
  }
}

/**
 * Marks a locked, unsigned document signed inside the caller's transaction: the signer's record (local signing), the
 * activity entry, a BAA's opt-out of AI data processing with its email to the owners, and the job that stores the PDF.
 * Returns the updated row.
 */
export async function markSigned(
  tx: Executor,
  adapters: Pick<Adapters, "mail">,
  row: LegalDocumentRow,
  options: { now: Date; signer?: SignerRecord; principal?: Principal },
): Promise<LegalDocumentRow> {
  const { now, signer } = options;
  const principal = options.principal ?? ANONYMOUS;
  const [after] = await tx
    .update(legalDocuments)
    .set({
      status: "signed",
      signedAt: now,
      updatedAt: now,
      ...(signer && {
        signerName: signer.name,
        signerTitle: signer.title,
        signerAddress: signer.address?.slice(0, 64) ?? null,
        signerUserAgent: signer.userAgent,
        signingRequestId: signer.requestId,
      }),
    })
    .where(eq(legalDocuments.id, row.id))
    .returning();
  await recordActivity(
    tx,
    principal,
    {
      organizationId: row.organizationId,
      scope: LEGAL_DOCUMENT_SCOPE,
      itemId: row.id,
      activity: "signed",
      name: signer ? `${documentName(row)}, signed by ${signer.name}` : documentName(row),
      changes: [{ type: LEGAL_DOCUMENT_SCOPE, field: "status", action: "changed", before: row.status, after: "signed" }],
      via: { kind: "system" },
    },
    now,
  );
  if (row.documentType === "BAA") await optOutOfAiProcessing(tx, adapters, row.organizationId, principal, now);
  await enqueueJob(tx, STORE_SIGNED_PDF_JOB, { document_id: row.id }, { runAt: now, uniqueKey: `${STORE_SIGNED_PDF_JOB}:${row.id}` });
  return after;
}
