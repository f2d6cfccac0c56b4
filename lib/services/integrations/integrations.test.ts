import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "../../../db/client";
import { organizationIntegrations, webhookDeliveries } from "../../../db/schema";
import { ADMIN, MEMBER } from "../../auth/permissions";
import { apiKeyOf, call, expectAppError, makeOrganization, makeProject, sessionOf, withEnv } from "../../testing/fixtures";
import { createInvite } from "../invites";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  rotateWebhookSecret,
  updateEnvironmentMapping,
  updateWebhook,
} from "./index";
import { openWebhookSecret } from "./signing";

after(closeDb);

const deliveriesOf = async (integrationId: string) =>
  (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId));

async function webhook(scopes?: string[]) {
  const made = await makeOrganization([MEMBER, ADMIN]);
  const owner = sessionOf(made.owner);
  const created = await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "0" }, () =>
    call(createIntegration, owner, { kind: "webhook", config: { url: "https://hooks.example.com/in", ...(scopes && { scopes }) } }, made.org.id),
  );
  return { ...made, ownerSession: owner, created };
}

describe("integrations", () => {
  test("create: the secret is shown once, stored sealed and never in config; members read, only admins write", async () => {
    const { org, owner, members, ownerSession, created } = await webhook();
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(created.integration_id, null);
    assert.equal(created.config.type, "connectable");
    assert.ok(!JSON.stringify(created.config).includes(created.secret));
    assert.equal(created.created_by?.uuid, owner.uuid);
    const [row] = await (await getDb()).select().from(organizationIntegrations).where(eq(organizationIntegrations.id, created.id));
    assert.ok(row.secretCiphertext && !row.secretCiphertext.includes(created.secret.slice(6)));
    assert.equal(await openWebhookSecret(await getDb(), created.id, row.secretCiphertext), created.secret);

    const member = sessionOf(members[0]);
    const fetched = await call(getIntegration, member, { id: created.id }, org.id);
    assert.equal("secret" in fetched, false);
    assert.equal((await call(listIntegrations, member, {}, org.id)).count, 1);
    await expectAppError(call(deleteIntegration, member, { id: created.id }, org.id), 403, "permission_denied");
    await expectAppError(call(getIntegration, ownerSession, { id: "not-a-uuid" }, org.id), 404, "not_found");

    const rotated = await call(rotateWebhookSecret, sessionOf(members[1]), { id: created.id }, org.id);
    assert.notEqual(rotated.secret, created.secret);
  });

  test("create: unknown kind is invalid_choice; a private URL is refused on config__url", async () => {
    const { org, ownerSession } = await webhook();
    await expectAppError(call(createIntegration, ownerSession, { kind: "vercel", config: { url: "https://a.example.com" } }, org.id), 400, "invalid_choice", { attr: "kind" });
    await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "0" }, () =>
      expectAppError(call(createIntegration, ownerSession, { kind: "webhook", config: { url: "http://127.0.0.1:9/x" } }, org.id), 400, "invalid_input", { attr: "config__url" }),
    );
    await expectAppError(call(createIntegration, ownerSession, { kind: "webhook", config: { url: "https://a.example.com", scopes: ["Nope"] } }, org.id), 400, "invalid_choice", { attr: "config__scopes__0" });
  });

  test("fan-out: an entry of a subscribed scope makes one delivery per matching webhook of that organization only", async () => {
    const a = await webhook(["OrganizationInvite"]);
    const other = await webhook(["OrganizationMembership"]);
    const elsewhere = await webhook(["OrganizationInvite"]);
    const invite = await call(createInvite, a.ownerSession, { target_email: "someone@example.test", level: 1 }, a.org.id);
    const deliveries = await deliveriesOf(a.created.id);
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0].eventType, "OrganizationInvite.created");
    assert.equal(deliveries[0].status, "pending");
    const data = deliveries[0].payload.data as { item_id: string; scope: string };
    assert.equal(data.item_id, invite.id);
    assert.equal(deliveries[0].payload.type, "OrganizationInvite.created");
    assert.equal((await deliveriesOf(other.created.id)).length, 0);
    assert.equal((await deliveriesOf(elsewhere.created.id)).length, 0);
  });

  test("update: URL and scopes change and are audited; the webhook's own events follow its scopes", async () => {
    const { org, ownerSession, created } = await webhook();
    // Subscribed to every scope, it received its own creation.
    assert.deepEqual((await deliveriesOf(created.id)).map((d) => d.eventType), ["OrganizationIntegration.created"]);
    const updated = await call(updateWebhook, ownerSession, { id: created.id, config: { scopes: ["Organization"] } }, org.id);
    assert.deepEqual(updated.config.scopes, ["Organization"]);
    assert.equal(updated.config.url, "https://hooks.example.com/in");
    // The update is recorded after the change: with Organization alone, it is not delivered.
    assert.equal((await deliveriesOf(created.id)).length, 1);
  });

  test("environment mapping: defaults to production, refuses other organizations' projects raw, API keys refused", async () => {
    const { org, owner, ownerSession, created } = await webhook(["Project"]);
    const project = await makeProject(org.id);
    const foreign = await makeProject((await makeOrganization()).org.id);
    const mapped = await call(updateEnvironmentMapping, ownerSession, { id: created.id, production: project.id }, org.id);
    assert.deepEqual(mapped.config.environment_mapping, { production: project.id, preview: project.id, development: project.id });
    await expectAppError(call(updateEnvironmentMapping, ownerSession, { id: created.id, production: project.id, preview: foreign.id }, org.id), 400, "invalid_input", {
      detail: `Project ${foreign.id} does not belong to this organization.`,
    });
    await expectAppError(call(updateEnvironmentMapping, ownerSession, { id: created.id, production: 99_999_999_999 }, org.id), 400, "invalid_input", {
      detail: "Project 99999999999 does not belong to this organization.",
    });
    await expectAppError(call(updateEnvironmentMapping, ownerSession, { id: created.id }, org.id), 400, "required", { attr: "production" });
    await expectAppError(
      call(updateEnvironmentMapping, apiKeyOf(owner, ["*"]), { id: created.id, production: project.id }, org.id),
      403,
      "permission_denied",
      { detail: "This action does not support personal API key access" },
    );
    const db = await getDb();
    const [vendor] = await db.insert(organizationIntegrations).values({ organizationId: org.id, kind: "vercel", integrationId: "icfg_1", config: { type: "marketplace" } }).returning();
    await expectAppError(call(updateEnvironmentMapping, ownerSession, { id: vendor.id, production: project.id }, org.id), 400, "invalid_input", {
      detail: "Environment mapping is only supported for connectable integrations.",
    });
  });

  test("delete: 204 semantics, its deliveries go with it", async () => {
    const { org, ownerSession, created } = await webhook();
    assert.equal((await deliveriesOf(created.id)).length, 1);
    assert.equal(await call(deleteIntegration, ownerSession, { id: created.id }, org.id), null);
    assert.equal((await deliveriesOf(created.id)).length, 0);
    await expectAppError(call(getIntegration, ownerSession, { id: created.id }, org.id), 404, "not_found");
  });
});
