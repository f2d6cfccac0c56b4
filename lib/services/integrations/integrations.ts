import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, not } from "drizzle-orm";
import { z } from "zod";
import { organizationIntegrations, projects, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { AppError } from "../../errors";
import { paginationQuery } from "../../schemas/common";
import {
  createIntegrationInput,
  environmentMappingInput,
  integrationIdInput,
  updateWebhookByIdInput,
  WEBHOOK_EVENT_SCOPES,
} from "../../schemas/integrations";
import { parseInput } from "../../schemas/parse";
import { diffChanges, recordActivity, wholeObjectChanges } from "../activity";
import { operation } from "../operation";
import { Page } from "../page";
import { auditedFields, checkWebhookUrl, INTEGRATION_SCOPE, integrationName, integrationOf, serializeIntegration, webhookOf } from "./rows";
import { generateWebhookSecret, sealWebhookSecret } from "./signing";

export const listIntegrations = operation({
  permission: "organization_integration:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization }, { limit, offset }) => {
    const where = eq(organizationIntegrations.organizationId, organization.id);
    const [rows, [total]] = await Promise.all([
      db
        .select({ row: organizationIntegrations, createdBy: users })
        .from(organizationIntegrations)
        .leftJoin(users, eq(users.id, organizationIntegrations.createdById))
        .where(where)
        .orderBy(desc(organizationIntegrations.createdAt), desc(organizationIntegrations.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(organizationIntegrations).where(where),
    ]);
    return new Page(rows.map(({ row, createdBy }) => serializeIntegration(row, createdBy)), total.n, { limit, offset });
  },
});

export const getIntegration = operation({
  permission: "organization_integration:read",
  callers: USER_CALLERS,
  input: integrationIdInput,
  run: async ({ db, organization }, { id }) => {
    const { row, createdBy } = await integrationOf(db, organization.id, id);
    return serializeIntegration(row, createdBy);
  },
});

/**
 * Adds an outgoing webhook: activity entries of the chosen scopes (all when none are given) are POSTed to its URL,
 * signed with a secret returned in this response only and stored encrypted, never in `config`.
 */
export const createIntegration = operation({
  permission: "organization_integration:write",
  callers: USER_CALLERS,
  input: createIntegrationInput,
  run: async ({ db, organization, principal, user, now }, { config }) => {
    checkWebhookUrl(config.url);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const secretCiphertext = await sealWebhookSecret(db, id, secret);
    const stored = { type: "connectable", url: config.url, scopes: config.scopes ?? [...WEBHOOK_EVENT_SCOPES] };
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(organizationIntegrations)
        .values({ id, organizationId: organization.id, kind: "webhook", config: stored, secretCiphertext, createdById: user?.id ?? null, createdAt: now, updatedAt: now })
        .returning();
      const changes = wholeObjectChanges(INTEGRATION_SCOPE, "created", auditedFields(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: INTEGRATION_SCOPE, itemId: row.id, activity: "created", name: integrationName(row), changes }, now);
      return { ...serializeIntegration(row, user), secret };
    });
  },
});

/** Removes an integration; a webhook's pending deliveries go with it. Nothing outside Orgdeck needs to be told. */
export const deleteIntegration = operation({
  permission: "organization_integration:write",
  callers: USER_CALLERS,
  input: integrationIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    await db.transaction(async (tx) => {
      const { row } = await integrationOf(tx, organization.id, id, { lock: true });
      await tx.delete(organizationIntegrations).where(eq(organizationIntegrations.id, row.id));
      const changes = wholeObjectChanges(INTEGRATION_SCOPE, "deleted", auditedFields(row));
      await recordActivity(tx, principal, { organizationId: organization.id, scope: INTEGRATION_SCOPE, itemId: row.id, activity: "deleted", name: integrationName(row), changes }, now);
    });
    return null;
  },
});

/** Changes a webhook's URL or scopes (administrators); its secret stays. */
export const updateWebhook = operation({
  permission: "organization_integration:write",
  callers: USER_CALLERS,
  input: updateWebhookByIdInput,
  run: async ({ db, organization, principal, now }, { id, config = {} }) => {
    if (config.url !== undefined) checkWebhookUrl(config.url);
    return db.transaction(async (tx) => {
      const { row: before, createdBy } = await webhookOf(tx, organization.id, id, { lock: true });
      const next = { ...before.config, ...(config.url !== undefined && { url: config.url }), ...(config.scopes && { scopes: config.scopes }) };
      const changes = diffChanges(INTEGRATION_SCOPE, auditedFields(before), { ...auditedFields(before), config: next });
      if (changes.length === 0) return serializeIntegration(before, createdBy);
      const [after] = await tx.update(organizationIntegrations).set({ config: next, updatedAt: now }).where(eq(organizationIntegrations.id, before.id)).returning();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: INTEGRATION_SCOPE, itemId: after.id, activity: "updated", name: integrationName(after), changes }, now);
      return serializeIntegration(after, createdBy);
    });
  },
});

/** A new signing secret for a webhook, shown this once; deliveries signed from now on use it. */
export const rotateWebhookSecret = operation({
  permission: "organization_integration:write",
  callers: USER_CALLERS,
  input: integrationIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    const secret = generateWebhookSecret();
    const { row: found } = await webhookOf(db, organization.id, id);
    const secretCiphertext = await sealWebhookSecret(db, found.id, secret);
    return db.transaction(async (tx) => {
      const { row, createdBy } = await webhookOf(tx, organization.id, id, { lock: true });
      const [after] = await tx.update(organizationIntegrations).set({ secretCiphertext, updatedAt: now }).where(eq(organizationIntegrations.id, row.id)).returning();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: INTEGRATION_SCOPE, itemId: row.id, activity: "secret_rotated", name: integrationName(row) }, now);
      return { ...serializeIntegration(after, createdBy), secret };
    });
  },
});

const MAX_PROJECT_ID = 2_147_483_647;

const rawError = (detail: string) => new AppError("environment_mapping", { detail });

/**
 * Maps the production, preview and development environments to projects of the organization (preview and development
 * default to production); only connectable integrations have environments. Errors are `{"detail": …}` alone.
 */
export const updateEnvironmentMapping = operation({
  permission: "organization_integration:admin",
  callers: USER_CALLERS,
  input: integrationIdInput.catchall(z.unknown()),
  run: async ({ db, organization, principal, now }, { id, ...body }) =>
    db.transaction(async (tx) => {
      const { row: before, createdBy } = await integrationOf(tx, organization.id, id, { lock: true });
      if (before.config.type !== "connectable") throw rawError("Environment mapping is only supported for connectable integrations.");
      const { production, preview = production, development = production } = parseInput(environmentMappingInput, body);
      const wanted = [...new Set([production, preview, development])];
      // Project ids are 32-bit: a larger number names no project (and must not reach the query).
      const storable = wanted.filter((n) => n >= 1 && n <= MAX_PROJECT_ID);
      const owned = storable.length
        ? await tx
            .select({ id: projects.id })
            .from(projects)
            .where(and(eq(projects.organizationId, organization.id), inArray(projects.id, storable), not(projects.isPendingDeletion)))
        : [];
      const missing = wanted.find((projectId) => !owned.some((p) => p.id === projectId));
      if (missing !== undefined) throw rawError(`Project ${missing} does not belong to this organization.`);
      const config = { ...before.config, environment_mapping: { production, preview, development } };
      const [after] = await tx.update(organizationIntegrations).set({ config, updatedAt: now }).where(eq(organizationIntegrations.id, before.id)).returning();
      const changes = diffChanges(INTEGRATION_SCOPE, auditedFields(before), auditedFields(after));
      if (changes.length > 0) {
        await recordActivity(tx, principal, { organizationId: organization.id, scope: INTEGRATION_SCOPE, itemId: after.id, activity: "updated", name: integrationName(after), changes }, now);
      }
      return serializeIntegration(after, createdBy);
    }),
});
