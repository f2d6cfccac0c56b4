import { createHash } from "node:crypto";
import type { LegalDocumentType } from "../../adapters/esign";
import { baaV1 } from "./templates/baa-v1";
import { dpaV1 } from "./templates/dpa-v1";
import type { TemplateParameters, TemplateSections } from "./templates/parameters";

export type { LegalDocumentType };

/** A legal document's whole text: what the signing page shows, what the PDF prints and what the hash covers. */
export type LegalDocumentText = { title: string; templateVersion: number; sections: { heading: string; paragraphs: string[] }[] };

/** The template version new documents get. Older versions stay below forever, so a stored document renders the same text. */
export const CURRENT_TEMPLATE_VERSION = 1;

/** Each document type's title, which heads its text. */
export const LEGAL_DOCUMENT_TITLES: Record<LegalDocumentType, string> = {
  DPA: "Data Processing Agreement",
  BAA: "Business Associate Agreement",
};

type Template = (p: TemplateParameters) => TemplateSections;

const TEMPLATES: Record<LegalDocumentType, Record<number, Template>> = {
  DPA: { 1: dpaV1 },
  BAA: { 1: baaV1 },
};

/**
 * The text of a DPA or BAA between the company and the provider (the operator of this installation), at the given
 * template version (the current one by default); the parameters are NFC-normalised so equal-looking names hash alike.
 */
export function legalDocumentText(input: {
  documentType: LegalDocumentType;
  companyName: string;
  companyAddress: string;
  representativeEmail: string;
  providerName: string;
  templateVersion?: number;
}): LegalDocumentText {
  const templateVersion = input.templateVersion ?? CURRENT_TEMPLATE_VERSION;
  const template = TEMPLATES[input.documentType]?.[templateVersion];
  // A stored document names a version that this code must still have; a missing one is a deployment error, not input.
  if (!template) throw new Error(`No ${input.documentType} template version ${templateVersion}`);
  const sections = template({
    companyName: clean(input.companyName),
    companyAddress: clean(input.companyAddress),
    representativeEmail: clean(input.representativeEmail),
    providerName: clean(input.providerName),
  });
  return { title: LEGAL_DOCUMENT_TITLES[input.documentType], templateVersion, sections };
}

/** One value as it appears in the text: NFC, with line breaks and runs of spaces folded into single spaces. */
function clean(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * The document as plain text, stable across releases for a given template version: the title, the version, then each
 * heading and its paragraphs separated by blank lines, with Unix line endings and a final newline.
 */
export function canonicalText(doc: LegalDocumentText): string {
  const blocks = [doc.title, `Template version ${doc.templateVersion}`];
  for (const section of doc.sections) blocks.push(section.heading, ...section.paragraphs);
  return `${blocks.join("\n\n")}\n`;
}

/** The hex SHA-256 of the document's canonical text in UTF-8: the fingerprint that the signature certificate prints. */
export function documentSha256(doc: LegalDocumentText): string {
  return createHash("sha256").update(canonicalText(doc), "utf8").digest("hex");
}
