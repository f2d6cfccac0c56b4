import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { getDb } from "../../db/client";
import { scimRequestLogs } from "../../db/schema";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { createDomain } from "./domains";
import { createIdentityProviderConfig } from "./identity-provider-configs";
import { listDomainScimLogs, listIdentityProviderConfigScimLogs, maskValue } from "./scim-logs";

test("masking keeps an email's domain and the ends of longer strings", () => {
  assert.equal(maskValue("alice@example.com"), "a***e@example.com");
  assert.equal(maskValue("Bob"), "B***b");
  assert.equal(maskValue("al"), "*");
  assert.equal(maskValue("al@example.com"), "*@example.com");
});

test("a domain's SCIM logs: newest first, by number pages, filtered by status, time and a search that also matches masked text", async () => {
  const { org, owner, members } = await makeOrganization([1]);
  const domain = await call(createDomain, sessionOf(owner), { domain: `scim-${randomBytes(4).toString("hex")}.example` }, org.id);
  const start = Date.parse("2026-01-01T00:00:00Z");
  const rows = Array.from({ length: 25 }, (_, i) => ({
    organizationId: org.id,
    domainId: domain.id,
    requestMethod: i % 2 ? "POST" : "GET",
    requestPath: `/scim/v2/${domain.id}/Users${i === 3 ? "?filter=userName" : ""}`,
    requestBody: i === 7 ? JSON.stringify({ userName: maskValue("alice@example.com") }) : "",
    responseStatus: i === 5 ? 409 : 200,
    durationMs: 3,
    createdAt: new Date(start + i * 60_000),
  }));
  await (await getDb()).insert(scimRequestLogs).values(rows);
  const logs = (input: Record<string, unknown>) => call(listDomainScimLogs, sessionOf(owner), { id: domain.id, ...input }, org.id);

  const first = await logs({});
  assert.equal(first.count, 25);
  assert.equal(first.results.length, 20);
  assert.equal(Date.parse(first.results[0].created_at), start + 24 * 60_000);
  assert.deepEqual([first.pagination.limit, first.pagination.offset, first.numbered], [20, 0, true]);
  assert.equal((await logs({ page: 2 })).results.length, 5);
  assert.equal((await logs({ page_size: 500 })).results.length, 25);
  assert.deepEqual((await logs({ status_min: 400 })).results.map((r) => r.response_status), [409]);
  assert.equal((await logs({ status_max: 299 })).count, 24);
  assert.equal((await logs({ after: new Date(start + 20 * 60_000).toISOString() })).count, 5);
  assert.equal((await logs({ search: "FILTER=" })).count, 1);
  assert.equal((await logs({ search: "alice@example.com" })).count, 1, "the masked form of the term matches the masked body");

  await expectAppError(call(listDomainScimLogs, sessionOf(members[0]), { id: domain.id }, org.id), 403, "permission_denied", {
    detail: "Only organization admins can view SCIM logs.",
  });
  await expectAppError(call(listDomainScimLogs, apiKeyOf(owner, ["*"]), { id: domain.id }, org.id), 403, "permission_denied", {
    detail: "This action does not support personal API key access",
  });
});

test("an identity-provider config's SCIM logs: only its own requests, the same filters and pages, admins only, never with a key", async () => {
  const { org, owner, members } = await makeOrganization([1]);
  const config = await call(createIdentityProviderConfig, sessionOf(owner), { name: "Okta" }, org.id);
  const domain = await call(createDomain, sessionOf(owner), { domain: `scimcfg-${randomBytes(4).toString("hex")}.example` }, org.id);
  const start = Date.parse("2026-02-01T00:00:00Z");
  const row = (i: number, target: { domainId: string } | { identityProviderConfigId: string }) => ({
    organizationId: org.id,
    ...target,
    requestMethod: "GET",
    requestPath: `/scim/v2/Users${i === 2 ? '?filter=userName eq "' + maskValue("bob@example.com") + '"' : ""}`,
    responseStatus: i === 4 ? 404 : 200,
    durationMs: 2,
    createdAt: new Date(start + i * 60_000),
  });
  await (await getDb())
    .insert(scimRequestLogs)
    .values([...Array.from({ length: 23 }, (_, i) => row(i, { identityProviderConfigId: config.id })), row(30, { domainId: domain.id })]);
  const logs = (input: Record<string, unknown>) => call(listIdentityProviderConfigScimLogs, sessionOf(owner), { id: config.id, ...input }, org.id);

  const first = await logs({});
  assert.equal(first.count, 23, "the domain's request is not the config's");
  assert.equal(Date.parse(first.results[0].created_at), start + 22 * 60_000);
  assert.deepEqual([first.results.length, (await logs({ page: 2 })).results.length, (await logs({ page_size: 5 })).results.length], [20, 3, 5]);
  assert.deepEqual((await logs({ status_min: 400 })).results.map((r) => r.response_status), [404]);
  assert.equal((await logs({ status_max: 299 })).count, 22);
  assert.equal((await logs({ before: new Date(start + 2 * 60_000).toISOString() })).count, 3);
  assert.equal((await logs({ search: "bob@example.com" })).count, 1);
  assert.equal((await call(listDomainScimLogs, sessionOf(owner), { id: domain.id }, org.id)).count, 1);

  await expectAppError(call(listIdentityProviderConfigScimLogs, sessionOf(members[0]), { id: config.id }, org.id), 403, "permission_denied", {
    detail: "Only organization admins can view SCIM logs.",
  });
  await expectAppError(call(listIdentityProviderConfigScimLogs, apiKeyOf(owner, ["*"]), { id: config.id }, org.id), 403, "permission_denied", {
    detail: "This action does not support personal API key access",
  });
  const other = await makeOrganization();
  await expectAppError(call(listIdentityProviderConfigScimLogs, sessionOf(other.owner), { id: config.id }, other.org.id), 404, "not_found");
  await expectAppError(call(listIdentityProviderConfigScimLogs, sessionOf(owner), { id: domain.id }, org.id), 404, "not_found");
});
