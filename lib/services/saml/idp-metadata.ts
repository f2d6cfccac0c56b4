import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import xpath from "xpath";
import { AppError } from "../../errors";
import { certificatePems } from "./certificate";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
/** The bindings we can send a browser with, in the order we prefer them. */
const SSO_BINDINGS = ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"];
/** The largest metadata document accepted, pasted or fetched. */
export const METADATA_MAX_BYTES = 1024 * 1024;

/** What a SAML connection needs from an identity provider's metadata; certificates as PEM, the current one first. */
export type IdpMetadata = { entityId: string; ssoUrl: string; certificates: string[] };

const refuse = (detail: string) => new AppError("invalid_input", { detail, attr: "metadata_xml" });
const dtdRefused = () => refuse("The metadata contains a DOCTYPE; documents with a DTD are not accepted.");

/** Elements of the SAML metadata or XML signature namespace by local name, among a node's children or descendants. */
function select(node: Node, axis: "child" | "descendant", ns: string, name: string): Element[] {
  return xpath.select(`${axis}::*[local-name()='${name}' and namespace-uri()='${ns}']`, node) as Element[];
}

function parseXml(xml: string): Document {
  const problems: string[] = [];
  const onProblem = (message: string) => problems.push(message);
  let doc: Document | undefined;
  try {
    doc = new DOMParser({ errorHandler: { warning: () => {}, error: onProblem, fatalError: onProblem } }).parseFromString(xml, "application/xml");
  } catch {
    doc = undefined;
  }
  if (!doc?.documentElement || problems.length > 0) throw refuse("The metadata is not well-formed XML.");
  if (doc.doctype) throw dtdRefused();
  return doc;
}

/** The entity's IDPSSODescriptor that speaks SAML 2.0, if any. */
function idpDescriptorOf(entity: Element): Element | undefined {
  return select(entity, "child", MD, "IDPSSODescriptor").find((idp) =>
    (idp.getAttribute("protocolSupportEnumeration") ?? "").split(/\s+/).includes(SAML2_PROTOCOL),
  );
}

function ssoUrlOf(idp: Element): string {
  const services = select(idp, "child", MD, "SingleSignOnService");
  for (const binding of SSO_BINDINGS) {
    const location = services.find((s) => s.getAttribute("Binding") === binding)?.getAttribute("Location")?.trim();
    if (!location) continue;
    let url: URL | null = null;
    try {
      url = new URL(location);
    } catch {
      url = null;
    }
    if (url?.protocol !== "https:" && url?.protocol !== "http:") throw refuse(`The single sign-on URL "${location}" is not an http or https URL.`);
    return location;
  }
  throw refuse("The identity provider has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding.");
}

/** The signing certificates (a KeyDescriptor with use="signing" or without use), as PEM, without repeats. */
function signingCertificatesOf(idp: Element): string[] {
  const pems = new Set<string>();
  for (const key of select(idp, "child", MD, "KeyDescriptor")) {
    const use = key.getAttribute("use");
    if (use && use !== "signing") continue;
    for (const element of select(key, "descendant", DS, "X509Certificate")) {
      for (const pem of certificatePems(element.textContent ?? "")) {
        try {
          new X509Certificate(pem);
        } catch {
          throw refuse("A signing certificate in the metadata is not a valid X.509 certificate.");
        }
        pems.add(pem);
      }
    }
  }
  if (pems.size === 0) throw refuse("The identity provider's metadata holds no signing certificate.");
  return [...pems];
}

/**
 * Reads an identity provider's SAML metadata (an EntityDescriptor, or an EntitiesDescriptor holding exactly one
 * identity provider): its entity id, the sign-on URL (HTTP-Redirect, else HTTP-POST) and its signing certificates.
 * Documents over 1 MB or with a DTD are refused before parsing. Throws a 400 on `metadata_xml`.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (Buffer.byteLength(xml, "utf8") > METADATA_MAX_BYTES) throw refuse("The metadata is larger than 1 MB.");
  // A DTD can read local files or expand entities without bound (XXE); SAML metadata never needs one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw dtdRefused();
  const root = parseXml(xml).documentElement!;
  if (root.namespaceURI !== MD || (root.localName !== "EntityDescriptor" && root.localName !== "EntitiesDescriptor")) {
    throw refuse("The document is not SAML metadata: it needs an EntityDescriptor or EntitiesDescriptor.");
  }
  const candidates = root.localName === "EntityDescriptor" ? [root] : select(root, "descendant", MD, "EntityDescriptor");
  const entities = candidates.filter((entity) => idpDescriptorOf(entity));
  if (entities.length === 0) throw refuse("The metadata describes no SAML 2.0 identity provider (no IDPSSODescriptor).");
  if (entities.length > 1) throw refuse(`The metadata describes ${entities.length} identity providers; import the metadata of one.`);
  const [entity] = entities;
  const entityId = entity.getAttribute("entityID")?.trim();
  if (!entityId) throw refuse("The identity provider's EntityDescriptor has no entityID.");
  const idp = idpDescriptorOf(entity)!;
  return { entityId, ssoUrl: ssoUrlOf(idp), certificates: signingCertificatesOf(idp) };
}
