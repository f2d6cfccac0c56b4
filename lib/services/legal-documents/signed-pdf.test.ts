import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import fontkit, { type Subset } from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { documentSha256, legalDocumentText, type LegalDocumentType } from "./document-text";
import { evenGlyphFontkit, packageFile } from "./pdf-fonts";
import { renderSignedPdf, type SignedPdfInput } from "./signed-pdf";

const dir = mkdtempSync(path.join(tmpdir(), "orgdeck-pdf-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function input(documentType: LegalDocumentType, companyName: string, overrides: Partial<SignedPdfInput> = {}): SignedPdfInput {
  const text = legalDocumentText({
    documentType,
    companyName,
    companyAddress: "ul. Długa 5, 00-001 Warszawa",
    representativeEmail: "lukasz@acme.example",
    providerName: "orgdeck.example.com",
  });
  return {
    documentId: "0b6f6c1e-2f0a-4c55-9d4b-8a1f2a3b4c5d",
    text,
    documentSha256: documentSha256(text),
    companyName,
    representativeEmail: "lukasz@acme.example",
    signer: { name: "Łukasz Żółć", title: "Chief Privacy Officer", address: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" },
    createdAt: new Date("2026-12-01T10:00:00Z"),
    sentAt: new Date("2026-12-01T10:00:05Z"),
    signedAt: new Date("2026-12-01T11:30:00.250Z"),
    requestId: "req_4f2c9a",
    ...overrides,
  };
}

/** Runs a poppler tool on the PDF; test-all installs poppler-utils (scripts/ensure-pdftotext.sh). */
function poppler(tool: "pdftotext" | "pdffonts", bytes: Uint8Array): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const args = tool === "pdftotext" ? ["-enc", "UTF-8", file, "-"] : [file];
  try {
    return execFileSync(tool, args, { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${tool} is missing: run scripts/ensure-pdftotext.sh`);
    throw error;
  }
}

describe("signed PDF", () => {
  test("a Latin document: it parses, its text holds the company, the signer, the hash and the certificate, and it stays small", async () => {
    const doc = input("DPA", "Acme Polska Sp. z o.o.");
    const bytes = await renderSignedPdf(doc);
    assert.ok(bytes.length < 300_000, `${bytes.length} bytes`);

    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = pdf.getPageCount();
    assert.ok(pages >= 3, `${pages} pages`);
    assert.equal(pdf.getTitle(), "Data Processing Agreement: Acme Polska Sp. z o.o.");
    assert.equal(pdf.getProducer(), "Orgdeck");

    const text = poppler("pdftotext", bytes);
    for (const expected of [
      "Data Processing Agreement",
      "Acme Polska Sp. z o.o.",
      "Łukasz Żółć",
      "Chief Privacy Officer",
      doc.documentSha256,
      "Signature certificate",
      "DPA (Data Processing Agreement)",
      doc.documentId,
      "lukasz@acme.example",
      "203.0.113.7",
      "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
      "2026-12-01T10:00:00.000Z",
      "2026-12-01T10:00:05.000Z",
      "2026-12-01T11:30:00.250Z",
      "req_4f2c9a",
      "Page 1 of",
      `Page ${pages} of ${pages}`,
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    // The certificate is the last page.
    assert.match(text.split("\f").at(-2)!, /Signature certificate/);
    assert.doesNotMatch(poppler("pdffonts", bytes), /NotoSansSC/, "no CJK font for a Latin document");
  });

  test("a CJK company name gets the CJK font, and the hash stays on one line whatever its digits", async () => {
    const doc = input("BAA", "東京商事株式会社", { sentAt: null, signer: { name: "Łukasz Żółć", title: "代表取締役", address: null, userAgent: null } });
    const bytes = await renderSignedPdf(doc);
    assert.ok(bytes.length < 300_000, `${bytes.length} bytes`);
    const text = poppler("pdftotext", bytes);
    for (const expected of ["東京商事株式会社", "代表取締役", "Łukasz Żółć", doc.documentSha256, "BAA (Business Associate Agreement)", "not recorded"]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.match(poppler("pdffonts", bytes), /ORGDKC\+NotoSansSC-Regular/);
  });

  test("the CJK subset draws its glyphs: each outline survives subsetting", async () => {
    const bytes = readFileSync(packageFile("@expo-google-fonts/noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"));
    const font = evenGlyphFontkit.create(bytes);
    const subset = font.createSubset();
    const chars = [..."東京商事株式会社"];
    const ids = chars.map((c) => subset.includeGlyph(font.glyphForCodePoint(c.codePointAt(0)!)));
    const encoded = await streamBytes(subset.encodeStream());
    const reparsed = fontkit.create(encoded);
    chars.forEach((c, i) => {
      const original = font.glyphForCodePoint(c.codePointAt(0)!).path.toSVG();
      assert.ok(original.length > 0);
      assert.equal(reparsed.getGlyph(ids[i]).path.toSVG(), original, c);
    });
  });

  test("the same input gives the same bytes", async () => {
    const doc = input("DPA", "Acme Polska Sp. z o.o.");
    assert.deepEqual(await renderSignedPdf(doc), await renderSignedPdf(doc));
  });

  test("long values wrap, and characters no font has do not break the render", async () => {
    const token = "x".repeat(400);
    const doc = input("DPA", "Acme", { signer: { name: "김민준", title: "CEO", address: "2001:db8::1", userAgent: token } });
    const text = poppler("pdftotext", await renderSignedPdf(doc));
    assert.ok(text.replace(/\s+/g, "").includes(token), "the unbreakable value is all there, over several lines");
    assert.ok(text.includes("2001:db8::1"));
  });

  test("a hash that is not the text's is refused", async () => {
    const doc = input("DPA", "Acme");
    await assert.rejects(renderSignedPdf({ ...doc, documentSha256: "0".repeat(64) }), /does not match/);
  });
});

/** The bytes of one of fontkit's streams (its own bundled stream class, which is not async-iterable). */
function streamBytes(stream: ReturnType<Subset["encodeStream"]>): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    stream.on("data", (chunk) => chunks.push(Uint8Array.from(chunk)));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
