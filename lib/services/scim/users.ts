import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";
import { scimUsers, users } from "../../../db/schema";
import type { Principal, ScimTarget } from "../../auth/principal";
import { AppError, invalidInput, notFound } from "../../errors";
import { emailDomain, isUuid } from "../../schemas/common";
import { scimListInput, scimPatchBody, scimResourceBody, scimResourceIdInput, scimResourceWithId } from "../../schemas/scim";
import { isUniqueViolation } from "../db-errors";
import { operation, type OrgContext } from "../operation";
import { Page } from "../page";
import { provisionUser, userByEmail } from "../provision-user";
import { ensureMembership, removeMembership, verifiedDomainsOf } from "./memberships";
import { scimFilterToSql, ScimFilterError } from "./filter";
import { applyPatch, projectResource } from "./resource";
import { serializeScimUser, userColumns, userFields, type ScimUserFields, type ScimUserRow } from "./user-fields";
import type { Executor } from "../../../db/client";

type ScimContext = OrgContext<"scim">;
const SCIM = ["scim"] as const;

/** The tenant a SCIM caller is bound to (its token's domain or config). */
export function tenantOf(principal: Principal): ScimTarget {
  if (principal.kind !== "scim") throw new AppError("permission_denied");
  return principal.target;
}

export const tenantColumns = (target: ScimTarget) => ({
  tenantId: target.id,
  domainId: target.kind === "domain" ? target.id : null,
  identityProviderConfigId: target.kind === "identity_provider_config" ? target.id : null,
});

/** A filter as SQL, its problems as 400 `invalidFilter`. */
export function filterCondition(filter: string | undefined, resource: "User" | "Group"): SQL | undefined {
  if (!filter) return undefined;
  try {
    return scimFilterToSql(filter, resource);
  } catch (err) {
    if (err instanceof ScimFilterError) throw new AppError("invalid_filter", { detail: err.message });
    throw err;
  }
}

async function scimUserOf(db: Executor, target: ScimTarget, id: string, { lock = false } = {}): Promise<ScimUserRow> {
  if (!isUuid(id)) throw notFound("User not found.");
  const query = db.select().from(scimUsers).where(and(eq(scimUsers.tenantId, target.id), eq(scimUsers.id, id.toLowerCase())));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("User not found.");
  return row;
}

/** The address must be at one of the organization's verified domains: that is what lets its IdP vouch for it. */
async function checkDomain(db: Executor, organizationId: string, fields: ScimUserFields) {
  const domains = await verifiedDomainsOf(db, organizationId);
  if (!domains.includes(emailDomain(fields.email))) {
    throw invalidInput(`userName must be an address at a verified domain of this organization (${domains.join(", ") || "none verified"}).`, "userName");
  }
}

const uniqueUserName = (err: unknown): never => {
  if (isUniqueViolation(err)) throw new AppError("conflict", { detail: "A user with this userName already exists." });
  throw err;
};

const CREATION_ORDER = [asc(scimUsers.createdAt), asc(scimUsers.id)];

/**
 * One page's ids, from the (tenant, created_at, id) index alone: sorting whole rows (with their JSON) to skip to a deep
 * page would make PostgreSQL sort on disk.
 */
const pageIds = (db: Executor, where: SQL | undefined, limit: number, offset: number) =>
  db.select({ id: scimUsers.id }).from(scimUsers).where(where).orderBy(...CREATION_ORDER).limit(limit).offset(offset);

/** The tenant's provisioned users in creation order, filtered; `count=0` answers the total only. */
export const listScimUsers = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: scimListInput,
  run: async ({ db, principal }: ScimContext, input) => {
    const target = tenantOf(principal);
    const where = and(eq(scimUsers.tenantId, target.id), filterCondition(input.filter, "User"));
    const offset = input.startIndex - 1;
    const [rows, [total]] = await Promise.all([
      input.count === 0 ? [] : db.select().from(scimUsers).where(inArray(scimUsers.id, pageIds(db, where, input.count, offset))).orderBy(...CREATION_ORDER),
      db.select({ n: count() }).from(scimUsers).where(where),
    ]);
    return new Page(rows.map((row) => projectResource(serializeScimUser(row), input)), total.n, { limit: input.count, offset });
  },
});

export const getScimUser = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: scimResourceIdInput,
  run: async ({ db, principal }: ScimContext, input) => projectResource(serializeScimUser(await scimUserOf(db, tenantOf(principal), input.id)), input),
});

/**
 * Provisions a person: a userName unique in the tenant (else 409 `uniqueness`) at a verified domain of the
 * organization; an existing Orgdeck user with that address is adopted, otherwise one is made (address verified: the
 * organization's IdP vouches for its own domain); the membership is made or adopted, suspended when `active` is false.
 */
export const createScimUser = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimResourceBody,
  run: async ({ db, principal, organization, now }: ScimContext, input) => {
    const target = tenantOf(principal);
    const fields = userFields(input);
    await checkDomain(db, organization.id, fields);
    const row = await db
      .transaction(async (tx) => {
        const user =
          (await userByEmail(tx, fields.email)) ??
          (await provisionUser(tx, { email: fields.email, firstName: fields.givenName ?? "", lastName: fields.familyName ?? "", emailVerified: true, source: "scim" }, now));
        const [created] = await tx
          .insert(scimUsers)
          .values({ organizationId: organization.id, ...tenantColumns(target), userId: user.id, ...userColumns(fields), createdAt: now, updatedAt: now })
          .returning();
        await ensureMembership({ tx, organizationId: organization.id, principal, user, now }, fields.active);
        return created;
      })
      .catch(uniqueUserName);
    return serializeScimUser(row);
  },
});

/** Writes a user's new fields: the row, the person's names when sent, and the membership's suspension. */
async function writeUser(ctx: ScimContext, before: ScimUserRow, fields: ScimUserFields) {
  const { db, principal, organization, now } = ctx;
  if (fields.userName.toLowerCase() !== before.userName.toLowerCase()) await checkDomain(db, organization.id, fields);
  return db
    .transaction(async (tx) => {
      const [after] = await tx.update(scimUsers).set({ ...userColumns(fields), updatedAt: now }).where(eq(scimUsers.id, before.id)).returning();
      const [user] = await tx.select().from(users).where(eq(users.id, before.userId));
      if (fields.givenName !== null || fields.familyName !== null) {
        await tx
          .update(users)
          .set({ ...(fields.givenName !== null && { firstName: fields.givenName }), ...(fields.familyName !== null && { lastName: fields.familyName }) })
          .where(eq(users.id, user.id));
      }
      await ensureMembership({ tx, organizationId: organization.id, principal, user, now }, fields.active);
      return after;
    })
    .catch(uniqueUserName);
}

/** PUT: the whole resource replaces the stored one (Okta's read-modify-write of a profile change). */
export const replaceScimUser = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimResourceWithId,
  run: async (ctx: ScimContext, { id, ...body }) => {
    const before = await scimUserOf(ctx.db, tenantOf(ctx.principal), id);
    return serializeScimUser(await writeUser(ctx, before, userFields(body)));
  },
});

/** PATCH: RFC 7644 operations on the stored resource, read as Okta and Entra ID send them; replaying one changes nothing more. */
export const patchScimUser = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimPatchBody,
  run: async (ctx: ScimContext, { id, Operations }) => {
    const before = await scimUserOf(ctx.db, tenantOf(ctx.principal), id);
    const patched = applyPatch(serializeScimUser(before), Operations);
    return serializeScimUser(await writeUser(ctx, before, userFields(patched)));
  },
});

/** DELETE: the tenant's row and the membership go (unless another tenant still provisions the person); the user stays. */
export const deleteScimUser = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimResourceIdInput,
  run: async ({ db, principal, organization, now }: ScimContext, { id }) => {
    const target = tenantOf(principal);
    await db.transaction(async (tx) => {
      const row = await scimUserOf(tx, target, id, { lock: true });
      const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, row.userId));
      await tx.delete(scimUsers).where(eq(scimUsers.id, row.id));
      await removeMembership({ tx, organizationId: organization.id, principal, user, now }, row.id);
    });
    return null;
  },
});
