import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db/client";
import { organizationDomains, organizationInvites, organizationMemberships, organizations } from "../../../db/schema";
import type { AuthUser, Principal } from "../../auth/principal";
import { invalidInput } from "../../errors";
import { emailDomain } from "../../schemas/common";
import { availabilityQuery, domainField, RESERVED_SUBDOMAINS, subdomainField, type DirectorySuggestion } from "../../schemas/directory";
import { parseInput } from "../../schemas/parse";
import { getAuthSecret } from "../instance";
import { pendingInvitationsFor } from "../invite-rows";
import { operation } from "../operation";
import { consumeRateLimit, directoryLookupsPerCaller } from "../rate-limits";
import { DIRECTORY_CALLERS, logoUrlOf } from "./orgs-shape";

/** Whose lookups a window counts: a person's, a service account's, or the operator's. */
function lookupBucket(principal: Principal) {
  if (principal.kind === "service_account") return `service_account:${principal.serviceAccount.id}`;
  return principal.user ? `user:${principal.user.id}` : principal.kind;
}

/** A subdomain is free when it is not reserved and no organization has it (a deleted one gives it up at once). */
async function subdomainFree(db: Executor, subdomain: string) {
  if (RESERVED_SUBDOMAINS.has(subdomain)) return false;
  const [taken] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.subdomain, subdomain)).limit(1);
  return !taken;
}

/**
 * A domain is free when no organization has claimed it. An unverified claim counts: the claim holds the name, so a new
 * organization could not claim it either (a deleted organization's claims go at once).
 */
async function domainFree(db: Executor, domain: string) {
  const [taken] = await db.select({ id: organizationDomains.id }).from(organizationDomains).where(eq(organizationDomains.domain, domain)).limit(1);
  return !taken;
}

const lowerCased = (value: string | undefined) => value?.trim().toLowerCase();

/**
 * Whether a domain, a subdomain, or both are free for a new organization: `{available}` only, never who holds a name,
 * and the same answer for a taken name and a reserved one. Each caller may ask RATE_LIMIT_DIRECTORY_LOOKUPS_PER_MINUTE
 * times a minute (429 past it), malformed questions included.
 */
export const checkDirectoryAvailability = operation({
  permission: "directory:discover",
  directory: "org.directory.list",
  callers: DIRECTORY_CALLERS,
  input: availabilityQuery,
  run: async ({ db, principal, now }, query) => {
    await consumeRateLimit(db, directoryLookupsPerCaller(), lookupBucket(principal), now);
    const { domain, subdomain } = parseInput(
      z.object({ domain: domainField.optional(), subdomain: subdomainField.optional() }),
      { domain: lowerCased(query.domain), subdomain: lowerCased(query.subdomain) },
    );
    if (domain === undefined && subdomain === undefined) throw invalidInput("Ask about a domain, a subdomain, or both.", "domain");
    const available = (subdomain === undefined || (await subdomainFree(db, subdomain))) && (domain === undefined || (await domainFree(db, domain)));
    return { available };
  },
});

/** The caller is not in the organization, suspended or not. */
const notAMember = (user: AuthUser) =>
  sql`not exists (select 1 from ${organizationMemberships} where ${organizationMemberships.organizationId} = ${organizations.id} and ${organizationMemberships.userId} = ${user.id})`;

const suggestion = { id: organizations.id, name: organizations.name, logoMediaId: organizations.logoMediaId };

/** Live organizations with a pending, unexpired invitation for the address. */
function invitedTo(db: Executor, user: AuthUser, now: Date) {
  return db
    .selectDistinct(suggestion)
    .from(organizationInvites)
    .innerJoin(organizations, eq(organizations.id, organizationInvites.organizationId))
    .where(
      and(
        pendingInvitationsFor(user.email, now),
        isNull(organizations.deletedAt),
        notAMember(user),
      ),
    );
}

/** Live organizations that turned on discovery and verified exactly the address's domain, with JIT on for it. */
function discoverableBy(db: Executor, user: AuthUser) {
  return db
    .selectDistinct(suggestion)
    .from(organizationDomains)
    .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
    .where(
      and(
        eq(organizationDomains.domain, emailDomain(user.email)),
        isNotNull(organizationDomains.verifiedAt),
        eq(organizationDomains.jitProvisioningEnabled, true),
        eq(organizations.allowDomainDiscovery, true),
        isNull(organizations.deletedAt),
        notAMember(user),
      ),
    )
    .orderBy(asc(organizations.name));
}

/**
 * The organizations the calling person may join, never one they are in: those with a pending invitation for their
 * email address, and those whose verified domain is their address's domain, with discovery and JIT on. Both need the
 * person's address to be verified; an unverified one, or a service account, gets none. Names and logos only.
 */
export const suggestDirectoryOrganizations = operation({
  permission: "directory:discover",
  directory: "org.directory.list",
  callers: DIRECTORY_CALLERS,
  input: z.object({}),
  run: async ({ db, user, now }): Promise<DirectorySuggestion[]> => {
    if (!user || user.isEmailVerified !== true) return [];
    const [invited, byDomain] = await Promise.all([invitedTo(db, user, now), discoverableBy(db, user)]);
    const secret = await getAuthSecret(db);
    const seen = new Set<string>();
    const results: DirectorySuggestion[] = [];
    for (const [rows, join] of [[invited, "invitation"], [byDomain, "domain"]] as const) {
      for (const org of [...rows].sort((a, b) => a.name.localeCompare(b.name))) {
        if (seen.has(org.id)) continue;
        seen.add(org.id);
        results.push({ id: org.id, name: org.name, logo_url: logoUrlOf(secret, org), join });
      }
    }
    return results;
  },
});
