import { PDFDocument } from "pdf-lib";
import { documentSha256 as hashOf, LEGAL_DOCUMENT_TITLES, type LegalDocumentText } from "./document-text";
import { embedFonts, needsCjk } from "./pdf-fonts";
import { PdfWriter } from "./pdf-writer";


export type SignedPdfInput = {
  documentId: string;
  text: LegalDocumentText;
  /** The hex SHA-256 of the text as shown to the signer; it must be the hash of `text`. */
  documentSha256: string;
  companyName: string;
  representativeEmail: string;
  /** Who signed: their typed name and title, and the IP address (`address`) and user agent of the signing request. */
  signer: { name: string; title: string; address: string | null; userAgent: string | null };
  createdAt: Date;
  sentAt: Date | null;
  signedAt: Date;
  requestId: string;
};

/**
 * The signed document as a PDF: the text, the signature block and a final "Signature certificate" page with the
 * document's SHA-256 and the signing evidence. The same input gives the same bytes. It refuses a hash that is not the
 * hash of the text, since the certificate would then vouch for a text other than the one printed.
 */
export async function renderSignedPdf(input: SignedPdfInput): Promise<Uint8Array> {
  const { text, signer } = input;
  if (hashOf(text) !== input.documentSha256) throw new Error("The document hash does not match the document text");

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const strings = [
    ...[input.documentId, input.companyName, input.representativeEmail, input.requestId, text.title],
    ...[signer.name, signer.title, signer.address ?? "", signer.userAgent ?? ""],
    ...text.sections.flatMap((s) => [s.heading, ...s.paragraphs]),
  ];
  const writer = new PdfWriter(pdf, await embedFonts(pdf, needsCjk(strings)));

  writer.paragraph(text.title, { bold: true, size: 18 });
  writer.gap(2);
  writer.paragraph(`Document ${input.documentId} · template version ${text.templateVersion}`, { size: 8.5, muted: true });
  writer.gap(6);
  for (const section of text.sections) {
    writer.keep(60);
    writer.gap(8);
    writer.paragraph(section.heading, { bold: true, size: 11.5 });
    for (const paragraph of section.paragraphs) {
      writer.gap(4);
      writer.paragraph(paragraph, { size: 9.5 });
    }
  }

  signatureBlock(writer, input);
  certificatePage(writer, input);
  writer.footers(`${text.title} · ${input.documentId}`);

  const title = `${text.title}: ${input.companyName}`;
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setSubject(`Signed electronically by ${signer.name} on ${iso(input.signedAt)}`);
  pdf.setAuthor(input.companyName);
  pdf.setKeywords([input.documentId, input.documentSha256]);
  pdf.setProducer("Orgdeck");
  pdf.setCreator("Orgdeck");
  pdf.setCreationDate(input.signedAt);
  pdf.setModificationDate(input.signedAt);
  return pdf.save();
}

/** The typed signature, above a line, and who signed for whom and when; kept together on one page. */
function signatureBlock(writer: PdfWriter, input: SignedPdfInput): void {
  const { signer } = input;
  writer.keep(190);
  writer.gap(20);
  writer.paragraph("Signature", { bold: true, size: 11.5 });
  writer.gap(4);
  writer.paragraph(`Signed for and on behalf of ${input.companyName}:`, { size: 9.5 });
  writer.gap(14);
  writer.paragraph(signer.name, { bold: true, size: 16 });
  writer.gap(2);
  writer.rule(260);
  writer.gap(8);
  writer.rows(
    [
      ["Name", signer.name],
      ["Title", signer.title],
      ["Company", input.companyName],
      ["Email", input.representativeEmail],
      ["Date", `${iso(input.signedAt).slice(0, 10)} (UTC)`],
    ],
    { size: 9.5 },
    80,
  );
  writer.gap(6);
  writer.paragraph("Signed electronically in Orgdeck. The signature certificate on the last page records how.", { size: 8.5, muted: true });
}

/** The audit page: what was signed (by its hash), by whom, from where, and when. */
function certificatePage(writer: PdfWriter, input: SignedPdfInput): void {
  const { signer, text } = input;
  const unknown = "not recorded";
  writer.newPage();
  writer.paragraph("Signature certificate", { bold: true, size: 18 });
  writer.gap(12);
  writer.rows(
    [
      ["Document ID", input.documentId],
      ["Document type", typeName(text.title)],
      ["Template version", String(text.templateVersion)],
      ["Document SHA-256", input.documentSha256],
      ["Company", input.companyName],
      ["Signer name", signer.name],
      ["Signer title", signer.title],
      ["Signer email", input.representativeEmail],
      ["IP address", signer.address ?? unknown],
      ["User agent", signer.userAgent ?? unknown],
      ["Created", iso(input.createdAt)],
      ["Sent", input.sentAt ? iso(input.sentAt) : unknown],
      ["Signed", iso(input.signedAt)],
      ["Request ID", input.requestId],
    ],
    // At 9 points beside a 110-point label column, the widest 64-digit hash still fits on one line.
    { size: 9 },
    110,
  );
  writer.gap(12);
  writer.paragraph(
    "The SHA-256 digest is computed over the UTF-8 plain text of the document as it was shown to the signer: its title, template version, headings and paragraphs. Recomputing it from the document's stored details confirms that the text printed here is the text that was signed. Times are in UTC.",
    { size: 8.5, muted: true },
  );
}

function iso(date: Date): string {
  return date.toISOString();
}

/** "DPA (Data Processing Agreement)" from the title, or the title alone for a title of no known type. */
function typeName(title: string): string {
  const type = Object.entries(LEGAL_DOCUMENT_TITLES).find(([, t]) => t === title)?.[0];
  return type ? `${type} (${title})` : title;
}
