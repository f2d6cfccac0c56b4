import { getVerifiedXml, parseDomFromString, xpath } from "@node-saml/node-saml/lib/xml";

const RESPONSE = "/*[local-name()='Response' and namespace-uri()='urn:oasis:names:tc:SAML:2.0:protocol']";
const ASSERTIONS = `${RESPONSE}/*[local-name()='Assertion' and namespace-uri()='urn:oasis:names:tc:SAML:2.0:assertion']`;

/**
 * Whether a SAML response carries at least one signature, on the Response itself or on its single Assertion, that
 * verifies against one of the connection's certificates and covers exactly that element (an enveloped signature whose
 * one reference is the element's ID). Anything unparseable, several roots, several assertions, a DOCTYPE: false.
 *
 * This runs before and independently of node-saml's own processing, so neither library's defaults alone decide
 * whether an unsigned or wrongly signed response is accepted.
 */
export async function hasTrustedSignature(xml: string, certificates: string[]): Promise<boolean> {
  if (certificates.length === 0 || /<!DOCTYPE/i.test(xml)) return false;
  try {
    const doc = await parseDomFromString(xml);
    const responses = xpath.selectElements(doc, RESPONSE);
    if (responses.length !== 1 || doc.documentElement !== responses[0]) return false;
    if (getVerifiedXml(xml, responses[0], certificates)) return true;
    const assertions = xpath.selectElements(doc, ASSERTIONS);
    return assertions.length === 1 && Boolean(getVerifiedXml(xml, assertions[0], certificates));
  } catch {
    return false;
  }
}
