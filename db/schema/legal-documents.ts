/** Legal documents an organization has signed or sent for signature (a DPA, a BAA). */
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";
import { organizations } from "./organizations";

/**
 * One document per type per organization (the unique index); deleting an unsigned one frees its type. The text is
 * rendered from the template `template_version` with the company's details, and `document_sha256` fixes what was
 * sent: the signing page, the PDF and its audit page all show that same text.
 */
export const legalDocuments = pgTable(
  "legal_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    documentType: varchar("document_type", { length: 8 }).notNull(),
    companyName: varchar("company_name", { length: 255 }).notNull(),
    companyAddress: varchar("company_address", { length: 512 }).notNull(),
    representativeEmail: varchar("representative_email", { length: 254 }).notNull(),
    status: varchar("status", { length: 32 }).notNull().default("submitted_for_signature"),
    /** Which e-signature provider holds the envelope: `local` (Orgdeck's own signing page) or `pandadoc`. */
    esignProvider: varchar("esign_provider", { length: 16 }).notNull(),
    /** The provider's document id (PandaDoc); null for local signing. */
    envelopeId: varchar("envelope_id", { length: 64 }).unique(),
    templateVersion: integer("template_version").notNull().default(1),
    documentSha256: varchar("document_sha256", { length: 64 }).notNull(),
    /** Times the signing email was (re)queued. */
    sendCount: integer("send_count").notNull().default(1),
    lastSentAt: ts("last_sent_at"),
    signerName: varchar("signer_name", { length: 200 }),
    signerTitle: varchar("signer_title", { length: 200 }),
    signerAddress: varchar("signer_address", { length: 64 }),
    signerUserAgent: text("signer_user_agent"),
    signingRequestId: varchar("signing_request_id", { length: 64 }),
    signedAt: ts("signed_at"),
    /** The storage key of the signed PDF, set once the PDF is stored (downloads wait for it). */
    signedPdfKey: text("signed_pdf_key"),
    signedPdfStored: boolean("signed_pdf_stored").notNull().default(false),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("legal_documents_org_type_key").on(t.organizationId, t.documentType),
    index("legal_documents_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);
