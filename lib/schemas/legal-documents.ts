/** Legal documents (a DPA, a BAA): the create input, the signing form, and the wire objects. */
import { z } from "zod";
import { emailInput, paginated, paginationQuery, timestamp, withoutNul } from "./common";

export const LEGAL_DOCUMENT_TYPES = ["BAA", "DPA"] as const;
export type LegalDocumentTypeName = (typeof LEGAL_DOCUMENT_TYPES)[number];

export const LEGAL_DOCUMENT_STATUSES = ["submitted_for_signature", "signed"] as const;
export type LegalDocumentStatus = (typeof LEGAL_DOCUMENT_STATUSES)[number];

/** The console's name of each document type. */
export const LEGAL_DOCUMENT_TYPE_NAMES: Record<LegalDocumentTypeName, string> = {
  BAA: "Business Associate Agreement (BAA)",
  DPA: "Data Processing Agreement (DPA)",
};

export const CreateLegalDocumentDocumentTypeEnum = z.enum(LEGAL_DOCUMENT_TYPES).meta({ id: "CreateLegalDocumentDocumentTypeEnum" });

/** What creating a document takes; other keys (older clients' `dpa_mode`, `representative_name`…) are ignored. */
export const createLegalDocumentInput = z.object({
  document_type: CreateLegalDocumentDocumentTypeEnum,
  company_name: withoutNul(z.string().trim().min(1).max(255)),
  company_address: withoutNul(z.string().trim().min(1).max(512)),
  representative_email: emailInput,
});
export type CreateLegalDocumentInput = z.input<typeof createLegalDocumentInput>;

export const CreateLegalDocument = createLegalDocumentInput.meta({ id: "CreateLegalDocument" });

export const legalDocumentIdInput = z.object({ id: z.string() });
export const listLegalDocumentsInput = paginationQuery;

export const LegalDocumentCreator = z
  .strictObject({ first_name: z.string(), email: z.string() })
  .meta({ id: "LegalDocumentCreator" });

export const LegalDocumentStatusEnum = z.enum(LEGAL_DOCUMENT_STATUSES);

/** A legal document of the organization, as every endpoint returns it. */
export const LegalDocumentDTO = z
  .strictObject({
    id: z.uuid(),
    document_type: z.enum(LEGAL_DOCUMENT_TYPES),
    company_name: z.string(),
    representative_email: z.string(),
    status: LegalDocumentStatusEnum,
    created_by: LegalDocumentCreator.nullable(),
    created_at: timestamp,
  })
  .meta({ id: "LegalDocumentDTO" });
export type LegalDocumentDTO = z.infer<typeof LegalDocumentDTO>;

export const PaginatedLegalDocumentDTOList = paginated(LegalDocumentDTO, "LegalDocumentDTO");

/**
 * The signing form of the local provider: the signer's full name and title, and their consent to sign electronically.
 * A checkbox arrives as "on" from an HTML form, or as `true` from a JSON client.
 */
export const signLegalDocumentInput = z.object({
  full_name: withoutNul(z.string().trim().min(1).max(200)),
  title: withoutNul(z.string().trim().min(1).max(200)),
  consent: z.union([z.literal(true), z.literal("on"), z.literal("true"), z.literal("1")], {
    error: "Confirm that you agree to sign electronically.",
  }),
});
export type SignLegalDocumentInput = z.input<typeof signLegalDocumentInput>;
