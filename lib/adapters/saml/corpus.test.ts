import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { validateSamlResponse } from "./response";

/**
 * An outside corpus of signed SAML responses (node-saml's, MIT) kept beside the checkout, read in place: every valid
 * file must pass our signature validation, and every invalid one (signature wrapping, re-signed roots, several roots,
 * bad transforms…) be refused. Its files carry fixed issuers, hosts and old timestamps, so only signatures are checked.
 */
const CORPUS = process.env.SAML_CORPUS_DIR ?? path.resolve(import.meta.dirname, "../../../../shared/fixtures/saml-signatures");
const present = existsSync(path.join(CORPUS, "cert.pem"));
/** Needs a decryption key the corpus does not ship; we refuse encrypted assertions anyway. */
const SKIPPED = new Set(["response.root-signed.assertion-unsigned-encrypted.xml"]);

const files = (kind: "valid" | "invalid") => (present ? readdirSync(path.join(CORPUS, "signatures", kind)).filter((f) => f.endsWith(".xml") && !SKIPPED.has(f)) : []);

async function check(kind: "valid" | "invalid", file: string) {
  const xml = readFileSync(path.join(CORPUS, "signatures", kind, file));
  const keys = { idpEntityId: "unchecked", certificates: [readFileSync(path.join(CORPUS, "cert.pem"), "utf8")], spEntityId: "https://sp.invalid/metadata", acsUrl: "https://sp.invalid/acs" };
  return validateSamlResponse(xml.toString("base64"), keys, { claims: false });
}

describe("the SAML signature corpus", { skip: present ? false : `corpus not found at ${CORPUS} (set SAML_CORPUS_DIR)` }, () => {
  test("has files of both kinds", () => {
    assert.ok(files("valid").length >= 10 && files("invalid").length >= 10);
  });
  for (const file of files("valid")) {
    test(`accepts valid/${file}`, async () => {
      const result = await check("valid", file);
      assert.equal(result.ok, true, JSON.stringify(result));
    });
  }
  for (const file of files("invalid")) {
    test(`refuses invalid/${file}`, async () => {
      const result = await check("invalid", file);
      assert.equal(result.ok, false);
    });
  }
});
