import { randomBytes } from "node:crypto";
import { and, count, eq, ne, not, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizations, projects } from "../../../db/schema";
import { sha256 } from "../../auth/tokens";
import { env } from "../../env";
import { AppError, permissionDenied } from "../../errors";
import { isUniqueViolation } from "../db-errors";

/** The public token clients send events with. */
export const newApiToken = () => `odp_${randomBytes(24).toString("base64url")}`;

/** A secret token (256 random bits) and the SHA-256 the database keeps of it. */
export function newSecretToken() {
  const value = `ods_${randomBytes(32).toString("base64url")}`;
  return { value, hash: sha256(value) };
}

export const nameTaken = (name: string) =>
  new AppError("conflict", { detail: `There is already a project called "${name}" in this organization. Choose a different name.` });

/** Rethrows a unique violation of the name index (a concurrent request took the name) as the 409. */
export function rethrowNameTaken(err: unknown, name: string | undefined): never {
  if (name !== undefined && isUniqueViolation(err)) throw nameTaken(name);
  throw err;
}

/** Serializes project creations of one organization, so the cap and the single demo project hold under concurrency. */
export async function lockOrganization(tx: Executor, organizationId: string) {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
}

const live = (organizationId: string) => and(eq(projects.organizationId, organizationId), not(projects.isPendingDeletion));

/** At most ORGDECK_MAX_PROJECTS_PER_ORG projects, demo projects aside: creating (or replacing) one at the cap is refused. */
export async function checkProjectCap(tx: Executor, organizationId: string) {
  const cap = env().ORGDECK_MAX_PROJECTS_PER_ORG;
  const [{ n }] = await tx.select({ n: count() }).from(projects).where(and(live(organizationId), not(projects.isDemo)));
  if (n >= cap) {
    throw permissionDenied(
      `You have reached the maximum limit of ${cap} projects per organization. Contact an administrator of this instance if you need more projects.`,
    );
  }
}

/** An organization has at most one demo project. */
export async function checkOneDemo(tx: Executor, organizationId: string, exceptId?: number) {
  const [demo] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(live(organizationId), projects.isDemo, exceptId === undefined ? undefined : ne(projects.id, exceptId)))
    .limit(1);
  if (demo) throw permissionDenied("This organization already has a demo project.");
}

/** Project names are unique in an organization whatever their case (projects being deleted aside). */
export async function checkNameFree(tx: Executor, organizationId: string, name: string, exceptId?: number) {
  const [taken] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(live(organizationId), eq(sql`lower(${projects.name})`, name.toLowerCase()), exceptId === undefined ? undefined : ne(projects.id, exceptId)))
    .limit(1);
  if (taken) throw nameTaken(name);
}
