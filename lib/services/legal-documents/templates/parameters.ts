/** What a legal document template is filled with, already cleaned (NFC, single spaces). */
export type TemplateParameters = { companyName: string; companyAddress: string; representativeEmail: string; providerName: string };

/** A template's body: numbered sections of plain-text paragraphs. */
export type TemplateSections = { heading: string; paragraphs: string[] }[];
