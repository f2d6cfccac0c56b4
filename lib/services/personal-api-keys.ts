import { and, count, desc, eq, inArray, isNull, not } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations, personalApiKeys, projects, users } from "../../db/schema";
import { type AuthUser, USER_CALLERS } from "../auth/principal";
import { generateApiKey, maskApiKey, sha256 } from "../auth/tokens";
import { invalidInput, notFound } from "../errors";
import { isUuid, paginationQuery } from "../schemas/common";
import { parseInput } from "../schemas/parse";
import {
  createPersonalApiKeyInput,
  MAX_KEYS_PER_USER,
  personalApiKeyIdInput,
  type PersonalAPIKey,
  updatePersonalApiKeyInput,
} from "../schemas/personal-api-keys";
import { diffChanges, recordActivity, wholeObjectChanges } from "./activity";
import { operation } from "./operation";
import { checkSessionMayMintKey, checkWithinCallingKey, widensKey } from "./personal-api-key-guards";
import { Page } from "./page";
import { iso } from "./serialize";

const SCOPE = "PersonalAPIKey";
type KeyRow = typeof personalApiKeys.$inferSelect;

function serializeKey(key: KeyRow, owner: AuthUser): PersonalAPIKey {
  return {
    id: key.id,
    label: key.label,
    mask_value: key.maskValue,
    created_at: iso(key.createdAt),
    last_used_at: iso(key.lastUsedAt),
    last_rolled_at: iso(key.lastRolledAt),
    user_id: owner.uuid,
    scopes: key.scopes,
    scoped_organizations: key.scopedOrganizations,
    scoped_teams: key.scopedTeams,
  };
}

/** What the activity log shows of a key: never its value. */
const auditFields = (key: KeyRow) => ({ label: key.label, scopes: key.scopes, scoped_organizations: key.scopedOrganizations, scoped_teams: key.scopedTeams });

/** Scoped projects must be live projects of organizations the caller belongs to; an empty list means no project limit. */
async function checkScopedTeams(db: Executor, user: AuthUser, ids: number[] | null | undefined) {
  if (!ids || ids.length === 0) return [];
  const found = await db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(organizationMemberships, eq(organizationMemberships.organizationId, projects.organizationId))
    .where(and(inArray(projects.id, ids), not(projects.isPendingDeletion), eq(organizationMemberships.userId, user.id), isNull(organizationMemberships.suspendedAt)));
  if (new Set(found.map((p) => p.id)).size !== ids.length) {
    throw invalidInput("You must be a member of the organizations of all projects that you are scoping the key to.", "scoped_teams");
  }
  return ids;
}

/** Scoped organizations must be organizations the caller belongs to; an empty list means all of them. */
async function checkScopedOrganizations(db: Executor, user: AuthUser, ids: string[] | null | undefined) {
  if (!ids || ids.length === 0) return [];
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  const bad = wanted.find((id) => !isUuid(id));
  const found = bad
    ? []
    : await db
        .select({ id: organizationMemberships.organizationId })
        .from(organizationMemberships)
        .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
        .where(and(eq(organizationMemberships.userId, user.id), inArray(organizationMemberships.organizationId, wanted), isNull(organizations.deletedAt)));
  if (bad !== undefined || found.length !== wanted.length) {
    throw invalidInput("You must be a member of all organizations that you are scoping the key to.", "scoped_organizations");
  }
  return wanted;
}

async function ownKey(db: Executor, user: AuthUser, id: string) {
  if (!isUuid(id)) throw notFound();
  const [key] = await db
    .select()
    .from(personalApiKeys)
    .where(and(eq(personalApiKeys.id, id.toLowerCase()), eq(personalApiKeys.userId, user.id)));
  if (!key) throw notFound();
  return key;
}

/** Lists the caller's own keys, newest first. */
export const listPersonalApiKeys = operation({
  permission: "personal_api_key:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, user }, { limit, offset }) => {
    const mine = eq(personalApiKeys.userId, user.id);
    const [rows, [total]] = await Promise.all([
      db.select().from(personalApiKeys).where(mine).orderBy(desc(personalApiKeys.createdAt), desc(personalApiKeys.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(personalApiKeys).where(mine),
    ]);
    return new Page(rows.map((k) => serializeKey(k, user)), total.n, { limit, offset });
  },
});

/** Creates a key for the caller, at most 10 per user however they are made; the value is returned this once. */
export const createPersonalApiKey = operation({
  permission: "personal_api_key:write",
  callers: USER_CALLERS,
  input: createPersonalApiKeyInput,
  run: async ({ db, user, principal, now }, input) =>
    db.transaction(async (tx) => {
      // The user's row is the lock that makes the 10-key limit hold under concurrent creates.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
      const [{ n }] = await tx.select({ n: count() }).from(personalApiKeys).where(eq(personalApiKeys.userId, user.id));
      if (n >= MAX_KEYS_PER_USER) {
        throw invalidInput(`You can have at most ${MAX_KEYS_PER_USER} personal API keys. Delete one before creating another.`);
      }
      const scopedOrganizations = await checkScopedOrganizations(tx, user, input.scoped_organizations);
      const scopedTeams = await checkScopedTeams(tx, user, input.scoped_teams);
      checkWithinCallingKey(principal, { scopes: input.scopes, scopedOrganizations, scopedTeams });
      await checkSessionMayMintKey(tx, principal, user.id, scopedOrganizations, now);
      const value = generateApiKey();
      const [key] = await tx
        .insert(personalApiKeys)
        .values({
          userId: user.id,
          label: input.label,
          secureValue: sha256(value),
          maskValue: maskApiKey(value),
          scopes: [...new Set(input.scopes)],
          scopedOrganizations,
          scopedTeams,
          createdAt: now,
        })
        .returning();
      await recordActivity(tx, principal, { organizationId: null, scope: SCOPE, itemId: key.id, activity: "created", name: key.label, changes: wholeObjectChanges(SCOPE, "created", auditFields(key)) }, now);
      return { ...serializeKey(key, user), value };
    }),
});

/** Returns one of the caller's keys, without its value. */
export const getPersonalApiKey = operation({
  permission: "personal_api_key:read",
  callers: USER_CALLERS,
  input: personalApiKeyIdInput,
  run: async ({ db, user }, { id }) => serializeKey(await ownKey(db, user, id), user),
});

/** Changes a key's label, scopes, organizations or projects. */
export const updatePersonalApiKey = operation({
  permission: "personal_api_key:write",
  callers: USER_CALLERS,
  // The key is looked up before the body is validated: another user's key is 404 whatever the body.
  input: z.looseObject({ id: z.string() }),
  run: async ({ db, user, principal, now }, raw) =>
    db.transaction(async (tx) => {
      const key = await ownKey(tx, user, raw.id);
      const input = parseInput(updatePersonalApiKeyInput, raw);
      const scopedOrganizations =
        input.scoped_organizations === undefined ? undefined : await checkScopedOrganizations(tx, user, input.scoped_organizations);
      const scopedTeams = input.scoped_teams === undefined ? undefined : await checkScopedTeams(tx, user, input.scoped_teams);
      const requested = { scopes: input.scopes, scopedOrganizations, scopedTeams };
      checkWithinCallingKey(principal, requested);
      if (widensKey(key, requested)) {
        await checkSessionMayMintKey(tx, principal, user.id, scopedOrganizations ?? key.scopedOrganizations, now);
      }
      const columns = {
        ...(input.label !== undefined && { label: input.label }),
        ...(input.scopes !== undefined && { scopes: [...new Set(input.scopes)] }),
        ...(scopedOrganizations !== undefined && { scopedOrganizations }),
        ...(scopedTeams !== undefined && { scopedTeams }),
      };
      // Nothing to change (an empty body, or unknown fields only) answers the key as it is.
      const [updated] =
        Object.keys(columns).length > 0 ? await tx.update(personalApiKeys).set(columns).where(eq(personalApiKeys.id, key.id)).returning() : [key];
      const changes = diffChanges(SCOPE, auditFields(key), auditFields(updated));
      if (changes.length > 0) {
        await recordActivity(tx, principal, { organizationId: null, scope: SCOPE, itemId: key.id, activity: "updated", name: updated.label, changes }, now);
      }
      return serializeKey(updated, user);
    }),
});

/** Deletes one of the caller's keys; it stops working at once. */
export const deletePersonalApiKey = operation({
  permission: "personal_api_key:write",
  callers: USER_CALLERS,
  input: personalApiKeyIdInput,
  run: async ({ db, user, principal, now }, { id }) =>
    db.transaction(async (tx) => {
      const key = await ownKey(tx, user, id);
      await tx.delete(personalApiKeys).where(eq(personalApiKeys.id, key.id));
      await recordActivity(tx, principal, { organizationId: null, scope: SCOPE, itemId: key.id, activity: "deleted", name: key.label, changes: wholeObjectChanges(SCOPE, "deleted", auditFields(key)) }, now);
      return null;
    }),
});

/** Replaces a key's value; the old value stops working at once and the new one is returned this once. */
export const rollPersonalApiKey = operation({
  permission: "personal_api_key:write",
  callers: USER_CALLERS,
  input: personalApiKeyIdInput,
  run: async ({ db, user, principal, now }, { id }) =>
    db.transaction(async (tx) => {
      const key = await ownKey(tx, user, id);
      await checkSessionMayMintKey(tx, principal, user.id, key.scopedOrganizations, now);
      const value = generateApiKey();
      const [rolled] = await tx
        .update(personalApiKeys)
        .set({ secureValue: sha256(value), maskValue: maskApiKey(value), lastRolledAt: now })
        .where(eq(personalApiKeys.id, key.id))
        .returning();
      await recordActivity(tx, principal, { organizationId: null, scope: SCOPE, itemId: key.id, activity: "rolled", name: key.label }, now);
      return { ...serializeKey(rolled, user), value };
    }),
});

