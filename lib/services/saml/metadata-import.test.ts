import assert from "node:assert/strict";
import { randomBytes, X509Certificate } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import selfsigned from "selfsigned";
import { getDb } from "../../../db/client";
import { activityLog } from "../../../db/schema";
import { AppError } from "../../errors";
import { startTestHttp, type TestHttp } from "../../outbound/test-servers";
import { call, expectAppError, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { createDomain, getDomain } from "../domains";
import { createIdentityProviderConfig, getIdentityProviderConfig } from "../identity-provider-configs";
import { importSamlMetadata, parseIdpMetadata } from "./metadata-import";

const MD_NS = 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"';
const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

/** A certificate's base64 body, as metadata carries it. */
const bodyOf = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
const samePem = (a: string, b: string) => new X509Certificate(a).fingerprint256 === new X509Certificate(b).fingerprint256;

let current: string;
let next: string;
let other: string;

const keyDescriptor = (pem: string, use = ' use="signing"') =>
  `<md:KeyDescriptor${use}><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${bodyOf(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;

/** Okta's shape: prefixed namespaces, one signing key, HTTP-POST listed before HTTP-Redirect. */
function oktaMetadata({ keys = keyDescriptor(current), services = "" } = {}) {
  const sso = "https://dev-4815162.okta.com/app/dev-4815162_orgdeck_1/exk9q8w7e6r5t4y3u2i1/sso/saml";
  return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor ${MD_NS} entityID="http://www.okta.com/exk9q8w7e6r5t4y3u2i1"><md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>${
    services || `<md:SingleSignOnService Binding="${POST}" Location="${sso}"/><md:SingleSignOnService Binding="${REDIRECT}" Location="${sso}?binding=redirect"/>`
  }</md:IDPSSODescriptor></md:EntityDescriptor>`;
}

/**
 * Entra ID's shape: default namespace, a document signature and a WS-Federation role carrying another certificate,
 * two signing keys (a rollover) with line-wrapped bodies, an encryption key that must be ignored.
 */
function entraMetadata() {
  const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  const wrapped = (pem: string) => bodyOf(pem).match(/.{1,76}/g)!.join("\n        ");
  const key = (pem: string, use = "signing") =>
    `<KeyDescriptor use="${use}"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>\n        ${wrapped(pem)}\n      </X509Certificate></X509Data></KeyInfo></KeyDescriptor>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<EntityDescriptor ID="_5c3f1b7a-2d4e-4c1b-9a8e-0f6d2b1c3e4f" entityID="https://sts.windows.net/${tenant}/" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></SignedInfo><SignatureValue>AAAA</SignatureValue><KeyInfo><X509Data><X509Certificate>${bodyOf(other)}</X509Certificate></X509Data></KeyInfo></Signature>
  <RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">
    ${key(other)}
  </RoleDescriptor>
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    ${key(current)}
    ${key(next)}
    ${key(other, "encryption")}
    <SingleLogoutService Binding="${REDIRECT}" Location="https://login.microsoftonline.com/${tenant}/saml2"/>
    <SingleSignOnService Binding="${REDIRECT}" Location="https://login.microsoftonline.com/${tenant}/saml2"/>
    <SingleSignOnService Binding="${POST}" Location="https://login.microsoftonline.com/${tenant}/saml2/post"/>
  </IDPSSODescriptor>
</EntityDescriptor>`;
}

/** A service provider's entity, which an EntitiesDescriptor may hold beside the identity provider. */
const spEntity = `<md:EntityDescriptor entityID="https://sp.example/metadata"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="${POST}" Location="https://sp.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>`;
const withoutProlog = (xml: string) => xml.replace(/^<\?xml[^>]*\?>/, "").replace(` ${MD_NS}`, "");

function expectRefused(xml: string, detail: RegExp) {
  assert.throws(
    () => parseIdpMetadata(xml),
    (err: unknown) => err instanceof AppError && err.status === 400 && err.body.code === "invalid_input" && err.body.attr === "metadata_xml" && detail.test(err.body.detail),
  );
}

before(async () => {
  const make = async (cn: string) => (await selfsigned.generate([{ name: "commonName", value: cn }], { keyType: "ec", algorithm: "sha256" })).cert;
  [current, next, other] = await Promise.all([make("Okta current"), make("Entra next"), make("Document signer")]);
});

describe("parseIdpMetadata", () => {
  test("Okta: the entity id, the HTTP-Redirect sign-on URL though POST is listed first, the signing certificate as PEM", () => {
    const parsed = parseIdpMetadata(oktaMetadata());
    assert.equal(parsed.entityId, "http://www.okta.com/exk9q8w7e6r5t4y3u2i1");
    assert.equal(parsed.ssoUrl, "https://dev-4815162.okta.com/app/dev-4815162_orgdeck_1/exk9q8w7e6r5t4y3u2i1/sso/saml?binding=redirect");
    assert.equal(parsed.certificates.length, 1);
    assert.match(parsed.certificates[0], /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----$/);
    assert.ok(samePem(parsed.certificates[0], current));
  });

  test("Entra ID: both signing certificates of the IDPSSODescriptor, none from the signature, other roles or encryption", () => {
    const parsed = parseIdpMetadata(entraMetadata());
    assert.equal(parsed.entityId, "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/");
    assert.equal(parsed.ssoUrl, "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2");
    assert.equal(parsed.certificates.length, 2);
    assert.ok(samePem(parsed.certificates[0], current));
    assert.ok(samePem(parsed.certificates[1], next));
  });

  test("HTTP-POST when there is no HTTP-Redirect; a KeyDescriptor without use signs; repeats are dropped", () => {
    const services = `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="https://idp.example/artifact"/><md:SingleSignOnService Binding="${POST}" Location="https://idp.example/post"/>`;
    const parsed = parseIdpMetadata(oktaMetadata({ services, keys: keyDescriptor(current, "") + keyDescriptor(current) }));
    assert.equal(parsed.ssoUrl, "https://idp.example/post");
    assert.equal(parsed.certificates.length, 1);
  });

  test("an EntitiesDescriptor with exactly one identity provider is read; with two it is refused", () => {
    const idp = withoutProlog(oktaMetadata());
    const entities = (...inner: string[]) => `<md:EntitiesDescriptor ${MD_NS} Name="federation">${inner.join("")}</md:EntitiesDescriptor>`;
    assert.equal(parseIdpMetadata(entities(spEntity, idp)).entityId, "http://www.okta.com/exk9q8w7e6r5t4y3u2i1");
    expectRefused(entities(idp, idp.replace("exk9q8w7e6r5t4y3u2i1", "another")), /describes 2 identity providers/);
    expectRefused(entities(spEntity), /no SAML 2.0 identity provider/);
  });

  test("a DOCTYPE is refused before parsing, with or without entities", () => {
    expectRefused(`<?xml version="1.0"?><!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${withoutProlog(oktaMetadata()).replace("exk9q8w7e6r5t4y3u2i1\"", "&xxe;\"")}`, /DOCTYPE/);
    expectRefused(`<!doctype html>${oktaMetadata().replace(/^<\?xml[^>]*\?>/, "")}`, /DOCTYPE/);
  });

  test("no signing certificate: none at all, or only an encryption key, is refused", () => {
    expectRefused(oktaMetadata({ keys: " " }), /no signing certificate/);
    expectRefused(oktaMetadata({ keys: keyDescriptor(current, ' use="encryption"') }), /no signing certificate/);
    expectRefused(oktaMetadata({ keys: keyDescriptor("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----") }), /not a valid X.509 certificate/);
  });

  test("not XML, not metadata, no usable sign-on service, a script URL, over 1 MB: each refused with its reason", () => {
    expectRefused("this is not xml", /not well-formed XML/);
    expectRefused("", /not well-formed XML/);
    expectRefused("<html><body>Sign in</body></html>", /not SAML metadata/);
    expectRefused(oktaMetadata({ services: `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://idp.example/soap"/>` }), /no SingleSignOnService/);
    expectRefused(oktaMetadata({ services: `<md:SingleSignOnService Binding="${REDIRECT}" Location="javascript:alert(1)"/>` }), /not an http or https URL/);
    expectRefused(oktaMetadata().replace(/ entityID="[^"]*"/, ""), /no entityID/);
    expectRefused(oktaMetadata().replace("</md:EntityDescriptor>", `<!--${"x".repeat(1024 * 1024)}--></md:EntityDescriptor>`), /larger than 1 MB/);
  });
});

describe("importSamlMetadata", () => {
  let server: TestHttp;
  const served = new Map<string, { status: number; body: string }>();
  before(async () => {
    server = await startTestHttp((req, res) => {
      const page = served.get(req.url ?? "") ?? { status: 404, body: "not here" };
      res.writeHead(page.status, { "content-type": "application/samlmetadata+xml" }).end(page.body);
    });
  });
  after(() => server.close());

  async function setup() {
    const { org, owner, members } = await makeOrganization([1]);
    const domain = await call(createDomain, sessionOf(owner), { domain: `acme-${randomBytes(4).toString("hex")}.example` }, org.id);
    return { org, owner, member: members[0], domain };
  }
  const entriesOf = async (orgId: string, itemId: string) =>
    (await getDb()).select().from(activityLog).where(and(eq(activityLog.organizationId, orgId), eq(activityLog.itemId, itemId), eq(activityLog.activity, "updated")));

  test("pasted Entra metadata sets a domain's SAML fields, both certificates kept, recorded as an update", async () => {
    const { org, owner, domain } = await setup();
    const imported = await call(importSamlMetadata, sessionOf(owner), { id: domain.id, metadata_xml: entraMetadata(), metadata_url: "" }, org.id);
    assert.equal(imported.saml_entity_id, "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/");
    assert.equal(imported.saml_acs_url, "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2");
    const pems = imported.saml_x509_cert?.split(/(?<=-----END CERTIFICATE-----)\n/) ?? [];
    assert.equal(pems.length, 2);
    assert.ok(samePem(pems[0], current) && samePem(pems[1], next));
    assert.equal(imported.has_saml, true);
    assert.deepEqual(await call(getDomain, sessionOf(owner), { id: domain.id }, org.id), imported);
    const [entry, ...more] = await entriesOf(org.id, domain.id);
    assert.equal(more.length, 0);
    assert.equal(entry.scope, "OrganizationDomain");
    const changes = (entry.detail as { changes: { field: string; before: unknown; after: unknown }[] }).changes;
    assert.deepEqual(changes.map((c) => c.field).sort(), ["has_saml", "saml_acs_url", "saml_entity_id", "saml_x509_cert"]);
    assert.equal(changes.find((c) => c.field === "saml_entity_id")?.after, imported.saml_entity_id);
  });

  test("an identity-provider config takes the metadata the same way and answers in its own shape", async () => {
    const { org, owner } = await setup();
    const config = await call(createIdentityProviderConfig, sessionOf(owner), { name: "Okta" }, org.id);
    const imported = await call(importSamlMetadata, sessionOf(owner), { id: config.id, metadata_xml: oktaMetadata() }, org.id);
    assert.equal(imported.saml_entity_id, "http://www.okta.com/exk9q8w7e6r5t4y3u2i1");
    assert.deepEqual(await call(getIdentityProviderConfig, sessionOf(owner), { id: config.id }, org.id), imported);
    const [entry] = await entriesOf(org.id, config.id);
    assert.equal(entry?.scope, "IdentityProviderConfig");
  });

  test("exactly one source; another organization's or an unknown id is 404; a member below admin is refused", async () => {
    const { org, owner, member, domain } = await setup();
    const oneSource = { detail: "Send exactly one of metadata_xml and metadata_url.", attr: null };
    await expectAppError(call(importSamlMetadata, sessionOf(owner), { id: domain.id }, org.id), 400, "invalid_input", oneSource);
    await expectAppError(call(importSamlMetadata, sessionOf(owner), { id: domain.id, metadata_xml: "<x/>", metadata_url: "https://idp.example/md" }, org.id), 400, "invalid_input", oneSource);
    const stranger = await setup();
    await expectAppError(call(importSamlMetadata, sessionOf(owner), { id: stranger.domain.id, metadata_xml: oktaMetadata() }, org.id), 404, "not_found");
    await expectAppError(call(importSamlMetadata, sessionOf(owner), { id: "00000000-0000-4000-8000-000000000000", metadata_xml: oktaMetadata() }, org.id), 404, "not_found");
    await expectAppError(call(importSamlMetadata, sessionOf(member), { id: domain.id, metadata_xml: oktaMetadata() }, org.id), 403, "permission_denied");
    assert.equal((await call(getDomain, sessionOf(stranger.owner), { id: stranger.domain.id }, stranger.org.id)).saml_entity_id, null);
  });

  test("metadata fetched from a local server when private URLs are allowed; refused, unfetched, when they are not", async () => {
    const { org, owner, domain } = await setup();
    served.set("/app/exk9/sso/saml/metadata", { status: 200, body: oktaMetadata() });
    served.set("/broken", { status: 200, body: "<html>maintenance</html>" });
    const url = `http://127.0.0.1:${server.port}/app/exk9/sso/saml/metadata`;
    const importFrom = (metadata_url: string) => call(importSamlMetadata, sessionOf(owner), { id: domain.id, metadata_url }, org.id);

    const imported = await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () => importFrom(url));
    assert.equal(imported.saml_entity_id, "http://www.okta.com/exk9q8w7e6r5t4y3u2i1");
    assert.ok(samePem(imported.saml_x509_cert ?? "", current));
    assert.equal(server.seen.at(-1)?.url, "/app/exk9/sso/saml/metadata");
    assert.equal((await entriesOf(org.id, domain.id)).length, 1);

    await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, async () => {
      await expectAppError(importFrom(`http://127.0.0.1:${server.port}/missing`), 400, "invalid_input", { detail: "Could not fetch the metadata: the server answered HTTP 404.", attr: "metadata_url" });
      await expectAppError(importFrom(`http://127.0.0.1:${server.port}/broken`), 400, "invalid_input", { attr: "metadata_url" });
    });

    const requests = server.seen.length;
    await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "0" }, async () => {
      await assert.rejects(importFrom(url), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.deepEqual([err.status, err.body.code, err.body.attr], [400, "invalid_input", "metadata_url"]);
        assert.match(err.body.detail, /^Could not fetch the metadata: .+/);
        return true;
      });
    });
    assert.equal(server.seen.length, requests, "the refused URL was never requested");
  });
});
