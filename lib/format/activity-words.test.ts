import assert from "node:assert/strict";
import { test } from "node:test";
import { actionWords, activitySentence, actorWords, changeWords, fieldWords, objectWords, valueWords, viaWords } from "./activity-words";

const ada = { id: 1, uuid: "u", distinct_id: "d", first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", is_email_verified: true, hedgehog_config: null, role_at_organization: null };

test("known field names read as words; unknown ones are spelled out", () => {
  assert.equal(fieldWords("members_can_invite"), "Members can invite people");
  assert.equal(fieldWords("level"), "Level");
  assert.equal(fieldWords("logo_media_id"), "Logo media id");
  assert.equal(fieldWords("someCamelField"), "Some camel field");
});

test("values read as words: levels by name, booleans on and off, nothing as a dash", () => {
  assert.equal(valueWords("level", 1), "member");
  assert.equal(valueWords("level", 8), "administrator");
  assert.equal(valueWords("level", 15), "owner");
  assert.equal(valueWords("level", 3), "3");
  assert.equal(valueWords("members_can_invite", true), "on");
  assert.equal(valueWords("members_can_invite", false), "off");
  assert.equal(valueWords("name", null), "—");
  assert.equal(valueWords("name", ""), "—");
  assert.equal(valueWords("scopes", []), "—");
  assert.equal(valueWords("scopes", ["organization:read", "user:write"]), "organization:read, user:write");
  assert.equal(valueWords("name", "Acme"), "Acme");
});

test("a change reads as one line, before and after", () => {
  assert.equal(changeWords({ field: "level", action: "changed", before: 1, after: 8 }), "Level: member → administrator");
  assert.equal(changeWords({ field: "members_can_invite", action: "changed", before: false, after: true }), "Members can invite people: off → on");
  assert.equal(changeWords({ field: "name", action: "changed", before: null, after: "Acme" }), "Name: — → Acme");
  assert.equal(changeWords({ field: "level", action: "created", before: null, after: 15 }), "Level: owner");
  assert.equal(changeWords({ field: "level", action: "deleted", before: 1, after: null }), "Level: member (removed)");
});

test("entries read as sentences", () => {
  const detail = (name: string) => ({ name, changes: [] });
  assert.equal(activitySentence({ user: ada, scope: "OrganizationMembership", activity: "updated", detail: detail("bo@example.com") }), "Ada Lovelace changed the level of bo@example.com");
  assert.equal(activitySentence({ user: ada, scope: "OrganizationInvite", activity: "created", detail: detail("bo@x.com") }), "Ada Lovelace invited bo@x.com");
  assert.equal(actionWords({ scope: "Organization", activity: "updated", detail: detail("Acme") }), "changed the settings of Acme");
  assert.equal(actionWords({ scope: "OrganizationMembership", activity: "joined", detail: detail("ada@example.com") }), "joined the organization");
  assert.equal(actionWords({ scope: "User", activity: "signed_in", detail: detail("ada@example.com") }), "signed in");
  assert.equal(actionWords({ scope: "LegalDocument", activity: "created", detail: detail("DPA") }), "created the legal document DPA");
  assert.equal(actionWords({ scope: "Widget", activity: "polished", detail: detail("W1") }), "polished the widget W1");
  assert.equal(actionWords({ scope: "OAuthApplication", activity: "secret_rotated", detail: detail("Billing") }), "gave the OAuth application Billing a new client secret");
  assert.equal(actionWords({ scope: "OAuthApplication", activity: "verified", detail: detail("Billing") }), "verified the OAuth application Billing");
});

test("the actor is the person, else the identity provider, the SCIM client, the CLI or the system", () => {
  assert.equal(actorWords({ user: { ...ada, first_name: "", last_name: "" }, detail: { name: "x", changes: [] } }), "ada@example.com");
  assert.equal(actorWords({ user: null, detail: { name: "x", changes: [], actor: "Okta" } }), "Okta");
  assert.equal(actorWords({ user: null, detail: { name: "x", changes: [], via: { kind: "cli" } } }), "An operator (admin CLI)");
  assert.equal(actorWords({ user: null, detail: { name: "x", changes: [], via: { kind: "identity_provider" } } }), "The identity provider");
  assert.equal(actorWords({ user: null, detail: { name: "x", changes: [], actor: "anonymous", via: { kind: "system" } } }), "The system");
  assert.equal(actorWords({ user: null, detail: { name: "x", changes: [] } }), "The system");
});

test("the way in names the key by its label", () => {
  assert.equal(viaWords({ kind: "console" }), "Console");
  assert.equal(viaWords({ kind: "api_key", key_label: "deploy bot" }), "API key “deploy bot”");
  assert.equal(viaWords({ kind: "cli" }), "Admin CLI");
  assert.equal(viaWords(undefined), null);
});

test("object types read as words", () => {
  assert.equal(objectWords("OrganizationMembership"), "member");
  assert.equal(objectWords("SamlProviderConfig"), "saml provider config");
});
