import type { Executor } from "../../../db/client";
import type { Adapters } from "../../adapters";
import { signLegalSigningToken } from "../../auth/legal-sign-token";
import type { AuthUser } from "../../auth/principal";
import { env } from "../../env";
import { renderSigningRequestEmail } from "../emails/legal-documents";
import { enqueueEmail } from "../outbox";
import { SIGNING_MAIL_KIND, signingLinkExpiry, textOf, type LegalDocumentRow } from "./rows";

export { SIGNING_MAIL_KIND };

/** The page where a document's representative reads and signs it. */
export function signingUrl(secret: string, documentId: string) {
  return new URL(`/legal/sign/${signLegalSigningToken(secret, documentId)}`, env().SITE_URL).toString();
}

/** Queues the signing request to the representative in the caller's transaction: always the same link for a document. */
export async function queueSigningEmail(tx: Executor, adapters: Pick<Adapters, "mail">, row: LegalDocumentRow, requester: AuthUser | null, secret: string, now: Date) {
  const requesterName = requester ? `${requester.firstName} ${requester.lastName}`.trim() || requester.email : null;
  const email = renderSigningRequestEmail({
    documentTitle: textOf(row).title,
    companyName: row.companyName,
    requesterName,
    signUrl: signingUrl(secret, row.id),
    expiresAt: signingLinkExpiry(row),
  });
  await enqueueEmail(tx, adapters, { organizationId: row.organizationId, kind: SIGNING_MAIL_KIND, relatedId: row.id, to: row.representativeEmail, replyTo: requester?.email ?? null, ...email }, now);
}
