import { createHash } from "node:crypto";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "../../db/client";
import { media, organizationMemberships, organizations, users } from "../../db/schema";
import type { Adapters } from "../adapters";
import { USER_CALLERS, type Principal } from "../auth/principal";
import { isUuid } from "../schemas/common";
import { setOrganizationLogoInput } from "../schemas/media";
import { diffChanges, recordActivity } from "./activity";
import { getAuthSecret } from "./instance";
import { verifyMediaSignature } from "./media/links";
import { prepareLogo } from "./media/prepare-logo";
import { operation, type OrgContext } from "./operation";

const SCOPE = "Organization";
const storageKey = (mediaId: string) => `media/${mediaId}`;

/** The storage keys of everything an organization uploaded (to remove the bytes when it is deleted). */
export async function mediaKeysOf(tx: Executor, organizationId: string) {
  const rows = await tx.select({ id: media.id }).from(media).where(eq(media.organizationId, organizationId));
  return rows.map((r) => storageKey(r.id));
}

/** Points the organization at a new logo (or none) under a row lock, audits it, and returns the logo it replaced. */
async function replaceLogo(tx: Executor, ctx: OrgContext, logoMediaId: string | null) {
  const [locked] = await tx.select({ logoMediaId: organizations.logoMediaId }).from(organizations).where(eq(organizations.id, ctx.organization.id)).for("update");
  const previous = locked.logoMediaId;
  await tx.update(organizations).set({ logoMediaId, updatedAt: ctx.now }).where(eq(organizations.id, ctx.organization.id));
  if (previous) await tx.delete(media).where(and(eq(media.id, previous), eq(media.organizationId, ctx.organization.id)));
  const changes = diffChanges(SCOPE, { logo_media_id: previous }, { logo_media_id: logoMediaId });
  if (changes.length > 0) {
    await recordActivity(tx, ctx.principal, { organizationId: ctx.organization.id, scope: SCOPE, itemId: ctx.organization.id, activity: "updated", name: ctx.organization.name, changes }, ctx.now);
  }
  return previous;
}

/**
 * Sets the organization's logo (admins and owners): the image is checked and cleaned first (see `prepareLogo`), stored,
 * then the organization points at it; the logo it replaces is deleted.
 */
export const setOrganizationLogo = operation({
  permission: "organization:write",
  callers: USER_CALLERS,
  input: setOrganizationLogoInput,
  run: async (ctx, { logo }) => {
    const image = await prepareLogo(logo);
    const [row] = await ctx.db
      .insert(media)
      .values({
        organizationId: ctx.organization.id,
        contentType: image.contentType,
        size: image.bytes.length,
        sha256: createHash("sha256").update(image.bytes).digest("hex"),
        createdById: ctx.user.id,
        createdAt: ctx.now,
      })
      .returning();
    // The bytes are stored before anything points at them, so the image URL never leads to nothing.
    await ctx.adapters.storage.put(storageKey(row.id), image.bytes);
    let previous: string | null;
    try {
      previous = await ctx.db.transaction((tx) => replaceLogo(tx, ctx, row.id));
    } catch (err) {
      await ctx.db.delete(media).where(eq(media.id, row.id));
      await ctx.adapters.storage.delete(storageKey(row.id));
      throw err;
    }
    if (previous) await ctx.adapters.storage.delete(storageKey(previous));
    return { logo_media_id: row.id, content_type: image.contentType, size: image.bytes.length };
  },
});

/** Removes the organization's logo (admins and owners); its initials are shown instead. */
export const removeOrganizationLogo = operation({
  permission: "organization:write",
  callers: USER_CALLERS,
  input: z.object({}),
  run: async (ctx) => {
    const previous = await ctx.db.transaction((tx) => replaceLogo(tx, ctx, null));
    if (previous) await ctx.adapters.storage.delete(storageKey(previous));
    return { logo_media_id: null };
  },
});

/** The logos of the caller's organizations, by organization id (organizations without one are left out). */
export const listMyOrganizationLogos = operation({
  permission: "organization:list",
  callers: ["session"],
  input: z.object({}),
  run: async ({ db, user }) => {
    const rows = await db
      .select({ id: organizations.id, logoMediaId: organizations.logoMediaId })
      .from(organizationMemberships)
      .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
      .where(
        and(eq(organizationMemberships.userId, user.id), isNull(organizationMemberships.suspendedAt), isNotNull(organizations.logoMediaId), isNull(organizations.deletedAt)),
      );
    return Object.fromEntries(rows.map((r) => [r.id, r.logoMediaId as string])) as Record<string, string>;
  },
});

export type StoredImage = { contentType: string; sha256: string; bytes: Uint8Array<ArrayBuffer> };

/**
 * An uploaded image's bytes for whoever may see them: an active member of its organization (signed in), or anyone
 * holding the signed link of invitation emails and pages. Null for everyone else, exactly as for an unknown id.
 */
export async function readMedia(db: Db, adapters: Adapters, request: { mediaId: string; principal: Principal | null; signature: string | null }): Promise<StoredImage | null> {
  if (!isUuid(request.mediaId)) return null;
  const [row] = await db.select().from(media).where(eq(media.id, request.mediaId));
  if (!row) return null;
  const allowed = verifyMediaSignature(await getAuthSecret(db), row.id, request.signature) || (await isActiveMember(db, request.principal, row.organizationId));
  if (!allowed) return null;
  const bytes = await adapters.storage.get(storageKey(row.id));
  return bytes && { contentType: row.contentType, sha256: row.sha256, bytes };
}

async function isActiveMember(db: Db, principal: Principal | null, organizationId: string) {
  if (principal?.kind !== "session") return false;
  const [row] = await db
    .select({ id: organizationMemberships.id })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.userId, principal.user.id), isNull(organizationMemberships.suspendedAt), eq(users.isActive, true)));
  return !!row;
}
