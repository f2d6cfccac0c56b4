import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, oauthApplications } from "../../db/schema";
import { sha256 } from "../auth/tokens";
import { apiKeyOf, call, callAt, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import {
  createOAuthApplication,
  deleteOAuthApplication,
  getOAuthApplication,
  listOAuthApplications,
  rotateOAuthApplicationSecret,
  updateOAuthApplication,
} from "./oauth-applications";
import { listOAuthApplicationsForOperator, setOAuthApplicationVerified } from "./oauth-applications-admin";

const CALLBACK = "https://app.example.com/callback";

async function storedRow(id: string) {
  const [row] = await (await getDb()).select().from(oauthApplications).where(eq(oauthApplications.id, id));
  return row;
}

async function entriesOf(orgId: string, itemId: string) {
  const rows = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.organizationId, orgId), eq(activityLog.itemId, itemId)));
  return rows;
}

describe("OAuth applications", () => {
  test("redirect URIs: https and http on loopback hosts pass; plain http elsewhere, relative, fragments and overlong URIs are 400 on the list", async () => {
    const { org, owner } = await makeOrganization();
    const create = (uris: unknown) => call(createOAuthApplication, sessionOf(owner), { name: "App", redirect_uris_list: uris }, org.id);
    const ok = await create([CALLBACK, "http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:9000/cb", CALLBACK]);
    assert.deepEqual(ok.redirect_uris_list, [CALLBACK, "http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:9000/cb"]);
    const refused = [
      ["http://example.com/cb", /must use https/],
      ["/callback", /absolute URI/],
      ["example.com/callback", /absolute URI/],
      ["https:example.com", /absolute URI/],
      ["https://example.com/cb#done", /fragment/],
      ["https://example.com/cb#", /fragment/],
      ["ftp://example.com/cb", /must use https/],
      ["https://user:pw@example.com/cb", /user name or password/],
      ["https://example.com/a b", /spaces/],
    ] as const;
    for (const [uri, detail] of refused) {
      await assert.rejects(create([CALLBACK, uri]), (err: { status: number; body: { code: string; attr: string; detail: string } }) => {
        assert.deepEqual([err.status, err.body.code, err.body.attr], [400, "invalid_input", "redirect_uris_list"], uri);
        assert.match(err.body.detail, detail);
        return true;
      });
    }
    await expectAppError(create([`https://example.com/${"a".repeat(1000)}`]), 400, "max_length", { attr: "redirect_uris_list" });
    await expectAppError(create([]), 400, "invalid_input", { detail: "This list may not be empty.", attr: "redirect_uris_list" });
    await expectAppError(create(undefined), 400, "required", { attr: "redirect_uris_list" });
    await expectAppError(create(CALLBACK), 400, "invalid_input", { attr: "redirect_uris_list" });
    await expectAppError(call(createOAuthApplication, sessionOf(owner), { name: " ", redirect_uris_list: [CALLBACK] }, org.id), 400, "blank", { attr: "name" });
    await expectAppError(call(createOAuthApplication, sessionOf(owner), { name: "x".repeat(256), redirect_uris_list: [CALLBACK] }, org.id), 400, "max_length", { attr: "name" });
  });

  test("the client secret is shown once, stored only as its SHA-256, and replaced by rotation; the activity log never holds it", async () => {
    const { org, owner } = await makeOrganization();
    const created = await call(createOAuthApplication, sessionOf(owner), { name: "Billing", redirect_uris_list: [CALLBACK] }, org.id);
    assert.match(created.client_secret, /^odcs_[A-Za-z0-9_-]{43}$/);
    assert.match(created.client_id, /^[A-Za-z0-9_-]{40}$/);
    assert.deepEqual(Object.keys(created).sort(), ["client_id", "client_secret", "created", "id", "is_verified", "name", "redirect_uris_list", "sector_identifier_uri", "updated"]);
    const row = await storedRow(created.id);
    assert.equal(row.clientSecretHash, sha256(created.client_secret));
    assert.ok(!JSON.stringify(row).includes(created.client_secret));
    const read = await call(getOAuthApplication, sessionOf(owner), { id: created.id }, org.id);
    assert.equal("client_secret" in read, false);

    const rotated = await call(rotateOAuthApplicationSecret, sessionOf(owner), { id: created.id }, org.id);
    assert.notEqual(rotated.client_secret, created.client_secret);
    assert.equal(rotated.client_id, created.client_id);
    assert.equal((await storedRow(created.id)).clientSecretHash, sha256(rotated.client_secret));
    const entries = await entriesOf(org.id, created.id);
    assert.deepEqual(entries.map((e) => e.activity).sort(), ["created", "secret_rotated"]);
    for (const secret of [created.client_secret, rotated.client_secret]) assert.ok(!JSON.stringify(entries).includes(secret));
    assert.ok(entries.every((e) => e.scope === "OAuthApplication"));
  });

  test("the list is newest first, paginated, and holds only this organization's applications", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const other = await makeOrganization();
    await call(createOAuthApplication, sessionOf(other.owner), { name: "Elsewhere", redirect_uris_list: [CALLBACK] }, other.org.id);
    const base = Date.now();
    for (const [i, name] of ["first", "second", "third"].entries()) {
      await callAt(createOAuthApplication, sessionOf(owner), { name, redirect_uris_list: [CALLBACK] }, org.id, new Date(base + i * 1000));
    }
    const list = await call(listOAuthApplications, sessionOf(members[0]), {}, org.id);
    assert.equal(list.count, 3);
    assert.deepEqual(list.results.map((a) => a.name), ["third", "second", "first"]);
    assert.deepEqual(Object.keys(list.results[0]).sort(), ["client_id", "created", "id", "is_verified", "name", "redirect_uris_list", "sector_identifier_uri", "updated"]);
    const page = await call(listOAuthApplications, sessionOf(owner), { limit: "1", offset: "1" }, org.id);
    assert.deepEqual([page.count, page.results.map((a) => a.name)], [3, ["second"]]);
    const elsewhere = (await call(listOAuthApplications, sessionOf(other.owner), {}, other.org.id)).results;
    assert.deepEqual(elsewhere.map((a) => a.name), ["Elsewhere"]);
    await expectAppError(call(getOAuthApplication, sessionOf(owner), { id: elsewhere[0].id }, org.id), 404, "not_found", { detail: "Not found." });
    await expectAppError(call(getOAuthApplication, sessionOf(owner), { id: "not-a-uuid" }, org.id), 404, "not_found");
    await expectAppError(call(listOAuthApplications, sessionOf(owner), {}, other.org.id), 403, "permission_denied");
  });

  test("members read but cannot write; keys need organization:read to list and organization:write to change", async () => {
    const { org, owner, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    const app = await call(createOAuthApplication, sessionOf(admin), { name: "By admin", redirect_uris_list: [CALLBACK] }, org.id);
    const denied = { detail: "Your organization access level is insufficient." };
    await expectAppError(call(createOAuthApplication, sessionOf(member), { name: "No", redirect_uris_list: [CALLBACK] }, org.id), 403, "permission_denied", denied);
    await expectAppError(call(updateOAuthApplication, sessionOf(member), { id: app.id, name: "No" }, org.id), 403, "permission_denied", denied);
    await expectAppError(call(rotateOAuthApplicationSecret, sessionOf(member), { id: app.id }, org.id), 403, "permission_denied", denied);
    await expectAppError(call(deleteOAuthApplication, sessionOf(member), { id: app.id }, org.id), 403, "permission_denied", denied);
    assert.equal((await call(getOAuthApplication, sessionOf(member), { id: app.id }, org.id)).name, "By admin");
    assert.equal((await call(listOAuthApplications, apiKeyOf(member, ["organization:read"]), {}, org.id)).count, 1);
    await expectAppError(call(listOAuthApplications, apiKeyOf(owner, ["user:read"]), {}, org.id), 403, "permission_denied", { detail: "API key missing required scope 'organization:read'" });
    await expectAppError(call(deleteOAuthApplication, apiKeyOf(owner, ["organization:read"]), { id: app.id }, org.id), 403, "permission_denied", { detail: "API key missing required scope 'organization:write'" });
    assert.equal((await call(updateOAuthApplication, apiKeyOf(owner, ["organization:write"]), { id: app.id, name: "Renamed" }, org.id)).name, "Renamed");
  });

  test("update changes only what is sent and records it; an unchanged update records nothing; delete is audited", async () => {
    const { org, owner } = await makeOrganization();
    const app = await call(createOAuthApplication, sessionOf(owner), { name: "Old", redirect_uris_list: [CALLBACK] }, org.id);
    const later = new Date(Date.now() + 5000);
    const renamed = await callAt(updateOAuthApplication, sessionOf(owner), { id: app.id, redirect_uris_list: ["https://new.example.com/cb", "http://localhost/cb"] }, org.id, later);
    assert.deepEqual([renamed.name, renamed.redirect_uris_list], ["Old", ["https://new.example.com/cb", "http://localhost/cb"]]);
    assert.ok(Date.parse(renamed.updated) > Date.parse(renamed.created));
    await expectAppError(call(updateOAuthApplication, sessionOf(owner), { id: app.id, redirect_uris_list: ["http://example.com/cb"] }, org.id), 400, "invalid_input", { attr: "redirect_uris_list" });
    const same = await call(updateOAuthApplication, sessionOf(owner), { id: app.id, name: "Old" }, org.id);
    assert.equal(same.updated, renamed.updated);
    const [updatedEntry] = (await entriesOf(org.id, app.id)).filter((e) => e.activity === "updated");
    assert.deepEqual(
      (updatedEntry.detail as { changes: { field: string }[] }).changes.map((c) => c.field),
      ["redirect_uris_list"],
    );
    assert.equal(await call(deleteOAuthApplication, sessionOf(owner), { id: app.id }, org.id), null);
    await expectAppError(call(getOAuthApplication, sessionOf(owner), { id: app.id }, org.id), 404, "not_found");
    await expectAppError(call(deleteOAuthApplication, sessionOf(owner), { id: app.id }, org.id), 404, "not_found");
    assert.deepEqual((await entriesOf(org.id, app.id)).map((e) => e.activity).sort(), ["created", "deleted", "updated"]);
  });

  test("the operator verifies and unverifies an application, audited as the system; the operator's list filters by organization", async () => {
    const { org, owner } = await makeOrganization();
    const app = await call(createOAuthApplication, sessionOf(owner), { name: "Trusted", redirect_uris_list: [CALLBACK] }, org.id);
    const db = await getDb();
    const verified = await setOAuthApplicationVerified(db, app.id, true);
    assert.deepEqual([verified.is_verified, verified.organization_id], [true, org.id]);
    assert.equal((await call(getOAuthApplication, sessionOf(owner), { id: app.id }, org.id)).is_verified, true);
    await setOAuthApplicationVerified(db, app.id, true);
    assert.equal((await setOAuthApplicationVerified(db, app.id, false)).is_verified, false);
    const entries = (await entriesOf(org.id, app.id)).filter((e) => e.activity !== "created");
    assert.deepEqual(entries.map((e) => [e.activity, e.isSystem, e.userId]).sort(), [["unverified", true, null], ["verified", true, null]]);
    await expectAppError(setOAuthApplicationVerified(db, "00000000-0000-4000-8000-000000000000", true), 404, "not_found");
    const listed = await listOAuthApplicationsForOperator(db, org.id);
    assert.deepEqual(listed.results.map((a) => a.id), [app.id]);
    await expectAppError(listOAuthApplicationsForOperator(db, "nope"), 404, "not_found", { detail: "Organization not found." });
  });
});
