/**
 * OpenID Connect sectors (Core §8.1): the host of an application's sector identifier URI when it has one, else the
 * single host of its redirect URIs. An application whose redirect URIs span several hosts and that has no sector
 * identifier URI has no sector: §8.1 requires such a client to register one, so Orgdeck computes no pairwise subject
 * for it (rather than guessing which host it meant) and lists no sector for it.
 */
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db/client";
import { oauthApplications } from "../../../db/schema";
import { echo, invalidInput } from "../../errors";
import { operation } from "../operation";

/** What decides an application's sector: its redirect URIs and its sector identifier URI. */
type SectorSource = { redirectUris: string; sectorIdentifierUri: string | null };

/** An application's sector, or null with the hosts its redirect URIs span when they are several and no sector identifier URI names one. */
export type ApplicationSector = { id: string; name: string; sector: string | null; hosts: string[] };

const hostOf = (uri: string) => {
  try {
    return new URL(uri).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
};

/** The sector of one application, or null with its redirect hosts when it must register a sector identifier URI first. */
export function sectorOf(app: SectorSource): { sector: string | null; hosts: string[] } {
  if (app.sectorIdentifierUri) {
    const sector = hostOf(app.sectorIdentifierUri);
    return { sector, hosts: sector ? [sector] : [] };
  }
  const hosts = [...new Set(app.redirectUris.split(/\s+/).filter(Boolean).map(hostOf))].filter((h): h is string => h !== null).sort();
  return { sector: hosts.length === 1 ? hosts[0] : null, hosts };
}

/** Each of the organization's applications with its sector, by name. */
export async function applicationSectors(db: Executor, organizationId: string): Promise<ApplicationSector[]> {
  const rows = await db
    .select({ id: oauthApplications.id, name: oauthApplications.name, redirectUris: oauthApplications.redirectUris, sectorIdentifierUri: oauthApplications.sectorIdentifierUri })
    .from(oauthApplications)
    .where(eq(oauthApplications.organizationId, organizationId))
    .orderBy(asc(oauthApplications.name), asc(oauthApplications.id));
  return rows.map((row) => ({ id: row.id, name: row.name, ...sectorOf(row) }));
}

/** The organization's distinct sectors, sorted. */
export async function organizationSectors(db: Executor, organizationId: string): Promise<string[]> {
  const sectors = (await applicationSectors(db, organizationId)).map((app) => app.sector).filter((s): s is string => s !== null);
  return [...new Set(sectors)].sort();
}

/** The sector as one of the organization's, or 400 on `sector`: subjects are only computed for sectors an application of it has. */
export async function requireOrganizationSector(db: Executor, organizationId: string, sector: string): Promise<string> {
  const wanted = sector.toLowerCase();
  if (!(await organizationSectors(db, organizationId)).includes(wanted)) throw invalidInput(`No application of this organization has the sector "${echo(sector)}".`, "sector");
  return wanted;
}

/**
 * The organization's OpenID Connect sectors (`GET /directory/admin/{organizationId}/sectors`): administrators only,
 * as `org.directory.update` holders, since the sectors are the hosts of every application's configuration.
 */
export const listDirectorySectors = operation({
  permission: "directory:read",
  directory: "org.directory.update",
  callers: ["session", "api_key", "cli", "service_account"],
  input: z.object({}),
  run: async ({ db, organization }) => organizationSectors(db, organization.id),
});
