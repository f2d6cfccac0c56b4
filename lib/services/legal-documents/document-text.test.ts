import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { canonicalText, CURRENT_TEMPLATE_VERSION, documentSha256, legalDocumentText, type LegalDocumentType } from "./document-text";

const BASE = {
  companyName: "Acme Polska Sp. z o.o.",
  companyAddress: "ul. Długa 5, 00-001 Warszawa, Poland",
  representativeEmail: "privacy@acme.example",
  providerName: "orgdeck.example.com",
};

const TYPES: LegalDocumentType[] = ["DPA", "BAA"];

describe("legal document text", () => {
  for (const documentType of TYPES) {
    test(`the ${documentType} names the company, its address, the representative and the provider`, () => {
      const doc = legalDocumentText({ documentType, ...BASE });
      const text = canonicalText(doc);
      for (const value of Object.values(BASE)) assert.ok(text.includes(value), value);
      assert.equal(doc.templateVersion, CURRENT_TEMPLATE_VERSION);
      assert.ok(doc.sections.length >= 10);
      for (const section of doc.sections) {
        assert.ok(section.heading.trim() && section.paragraphs.length > 0, section.heading);
        for (const p of section.paragraphs) assert.doesNotMatch(p, /[\n\r\t]/, "paragraphs are single lines of plain text");
      }
    });
  }

  test("the DPA covers a processor's duties and the BAA HIPAA's", () => {
    const headings = (t: LegalDocumentType) => legalDocumentText({ documentType: t, ...BASE }).sections.map((s) => s.heading).join("\n");
    for (const topic of ["Definitions", "instructions", "Confidentiality", "Security", "Sub-processors", "Breaches", "Data subject", "deletion", "Audits", "Term"]) {
      assert.match(headings("DPA"), new RegExp(topic, "i"), topic);
    }
    for (const topic of ["Permitted uses", "Safeguards", "Breaches", "Subcontractors", "Access, amendment and accounting", "termination"]) {
      assert.match(headings("BAA"), new RegExp(topic, "i"), topic);
    }
    assert.match(canonicalText(legalDocumentText({ documentType: "BAA", ...BASE })), /Unsecured Protected Health Information/);
  });

  test("the canonical text is the title, the version, then headings and paragraphs, each a block", () => {
    const doc = legalDocumentText({ documentType: "DPA", ...BASE });
    const text = canonicalText(doc);
    assert.ok(text.startsWith(`Data Processing Agreement\n\nTemplate version 1\n\n${doc.sections[0].heading}\n\n${doc.sections[0].paragraphs[0]}\n\n`));
    assert.ok(text.endsWith(`${doc.sections.at(-1)!.paragraphs.at(-1)}\n`));
  });

  test("the hash is the SHA-256 of the canonical text, and stable", () => {
    const a = legalDocumentText({ documentType: "DPA", ...BASE });
    const b = legalDocumentText({ documentType: "DPA", ...BASE, templateVersion: 1 });
    assert.match(documentSha256(a), /^[0-9a-f]{64}$/);
    assert.equal(documentSha256(a), documentSha256(b));
  });

  test("published template versions never change: version 1's hashes are pinned", () => {
    // A stored document is re-rendered from its parameters and version; editing a published template would break its
    // signature certificate. Change the text through a new version instead.
    assert.equal(documentSha256(legalDocumentText({ documentType: "DPA", ...BASE, templateVersion: 1 })), PINNED.DPA);
    assert.equal(documentSha256(legalDocumentText({ documentType: "BAA", ...BASE, templateVersion: 1 })), PINNED.BAA);
  });

  test("the hash changes with the type and with every parameter", () => {
    const hashes = new Set([
      documentSha256(legalDocumentText({ documentType: "DPA", ...BASE })),
      documentSha256(legalDocumentText({ documentType: "BAA", ...BASE })),
    ]);
    for (const key of Object.keys(BASE) as (keyof typeof BASE)[]) {
      hashes.add(documentSha256(legalDocumentText({ documentType: "DPA", ...BASE, [key]: `${BASE[key]}x` })));
    }
    assert.equal(hashes.size, 2 + Object.keys(BASE).length);
  });

  test("equal-looking names hash alike: parameters are NFC-normalised and their whitespace folded", () => {
    const composed = legalDocumentText({ documentType: "DPA", ...BASE, companyName: "Żółć S.A." });
    const decomposed = legalDocumentText({ documentType: "DPA", ...BASE, companyName: "  Z\u0307o\u0301\u0142c\u0301\n S.A. " });
    assert.equal(documentSha256(composed), documentSha256(decomposed));
  });

  test("an unknown template version is refused", () => {
    assert.throws(() => legalDocumentText({ documentType: "BAA", ...BASE, templateVersion: 99 }), /No BAA template version 99/);
  });
});

const PINNED = {
  DPA: "5e76889abc5e6504c973af0f39132712a9d48b0db70a96e2c3bc48feb32273fa",
  BAA: "0c5460407cba36a9035264aa5460ea52caf4a503ffa6a6a22ababd74a0e08555",
};
