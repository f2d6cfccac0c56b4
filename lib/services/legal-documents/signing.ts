import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { legalDocuments } from "../../../db/schema";
import type { Adapters } from "../../adapters";
import { verifyLegalSigningToken } from "../../auth/legal-sign-token";
import { ANONYMOUS } from "../../auth/principal";
import { AppError, permissionDenied } from "../../errors";
import { signLegalDocumentInput } from "../../schemas/legal-documents";
import { parseInput } from "../../schemas/parse";
import { getAuthSecret } from "../instance";
import { notifyOutbox } from "../outbox";
import { iso } from "../serialize";
import { documentSha256, signingLinkExpiry, textOf, type LegalDocumentRow } from "./rows";
import { markSigned } from "./signed";

export type SigningLinkState = "invalid" | "expired" | "signed" | "valid";

/**
 * Whether a signing link opens its document: not when forged or tampered with, nor once the document was deleted or
 * moved to another provider (all "invalid", so a link reveals nothing), signed, or past 14 days from its last sending.
 */
function stateOf(row: LegalDocumentRow | undefined, now: Date): SigningLinkState {
  if (!row || row.esignProvider !== "local") return "invalid";
  if (row.status === "signed") return "signed";
  return now >= signingLinkExpiry(row) ? "expired" : "valid";
}

async function documentOfToken(db: Db, token: string, options: { lock?: boolean } = {}) {
  const id = verifyLegalSigningToken(await getAuthSecret(db), token);
  if (!id) return undefined;
  const query = db.select().from(legalDocuments).where(eq(legalDocuments.id, id));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

export type SigningLinkView =
  | { state: Exclude<SigningLinkState, "valid"> }
  | {
      state: "valid";
      documentType: string;
      companyName: string;
      representativeEmail: string;
      text: ReturnType<typeof textOf>;
      documentSha256: string;
      expiresAt: string;
    };

/** What a signing link shows: its state and, while it works, the whole document and the link's expiry. */
export async function inspectSigningLink(token: string, now = new Date(), db?: Db): Promise<SigningLinkView> {
  const row = await documentOfToken(db ?? (await getDb()), token);
  const state = stateOf(row, now);
  if (state !== "valid" || !row) return { state: state === "valid" ? "invalid" : state };
  return {
    state: "valid",
    documentType: row.documentType,
    companyName: row.companyName,
    representativeEmail: row.representativeEmail,
    text: textOf(row),
    documentSha256: row.documentSha256,
    expiresAt: iso(signingLinkExpiry(row)),
  };
}

const LINK_REFUSALS: Record<Exclude<SigningLinkState, "valid">, string> = {
  invalid: "This signing link is not valid.",
  expired: "This signing link has expired.",
  signed: "This document has already been signed.",
};

export type SigningRequest = { token: string; form: unknown; address: string | null; userAgent: string | null; requestId: string };

/**
 * Signs a document through its emailed link, once: the link must still work (403 otherwise), the signer gives a full
 * name and title and consents (400 otherwise), and the text shown must still hash to the one sent. Records the time,
 * client address, user agent and request id; the PDF is stored by a job.
 */
export async function signWithLink(db: Db, adapters: Pick<Adapters, "mail">, request: SigningRequest, now = new Date()) {
  const found = await documentOfToken(db, request.token);
  const before = stateOf(found, now);
  if (before !== "valid") throw permissionDenied(LINK_REFUSALS[before]);
  const form = parseInput(signLegalDocumentInput, request.form);
  const signed = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(legalDocuments).where(eq(legalDocuments.id, found!.id)).for("update");
    const state = stateOf(row, now);
    if (state !== "valid") throw permissionDenied(LINK_REFUSALS[state]);
    if (documentSha256(textOf(row)) !== row.documentSha256) {
      throw new AppError("invalid_input", { detail: "This document's text has changed since it was sent. Ask for it to be sent again." });
    }
    const principal = request.address ? { ...ANONYMOUS, address: request.address } : ANONYMOUS;
    return markSigned(tx, adapters, row, {
      now,
      principal,
      signer: { name: form.full_name, title: form.title, address: request.address, userAgent: request.userAgent?.slice(0, 1000) ?? null, requestId: request.requestId },
    });
  });
  notifyOutbox();
  return signed;
}
