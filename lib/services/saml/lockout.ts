import { and, asc, count, eq, inArray, isNull, notExists, sql, type SQL } from "drizzle-orm";
import { accounts, organizationMemberships, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { previewSsoLockoutInput, type SsoLockoutPreview } from "../../schemas/saml";
import { domainOf } from "../domain-rows";
import { operation } from "../operation";
import { requiredSignInKind, samlIssuerOf } from "./sso-policy";

/** How many of the people an enforcement would lock out are listed by name. */
export const LOCKOUT_PREVIEW_LIMIT = 50;

/**
 * The organization's members whose email is at exactly this domain (not a subdomain) and who have never signed in the
 * way the enforcement requires: those it would lock out. SAML counts through the domain or its linked config.
 */
export const previewSsoLockout = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: previewSsoLockoutInput,
  run: async ({ db, organization }, { domain_id, sso_enforcement }): Promise<SsoLockoutPreview> => {
    const domain = await domainOf(db, organization.id, domain_id);
    const kind = requiredSignInKind(sso_enforcement);
    if (!kind) return { count: 0, people: [] };
    const signedInAsRequired: SQL[] = [eq(accounts.userId, users.id), eq(accounts.type, kind)];
    if (kind === "saml") {
      const connections = [domain.id, domain.identityProviderConfigId].filter((id) => id !== null);
      signedInAsRequired.push(inArray(accounts.issuer, connections.map(samlIssuerOf)));
    }
    // The stored domain is lower-case letters, digits, dots and hyphens: no LIKE wildcard can slip in.
    const where = and(
      eq(organizationMemberships.organizationId, organization.id),
      isNull(organizationMemberships.suspendedAt),
      sql`lower(${users.email}) like ${`%@${domain.domain}`}`,
      notExists(db.select({ one: sql`1` }).from(accounts).where(and(...signedInAsRequired))),
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ id: users.uuid, email: users.email, firstName: users.firstName, lastName: users.lastName })
        .from(organizationMemberships)
        .innerJoin(users, eq(users.id, organizationMemberships.userId))
        .where(where)
        .orderBy(asc(sql`lower(${users.email})`))
        .limit(LOCKOUT_PREVIEW_LIMIT),
      db.select({ n: count() }).from(organizationMemberships).innerJoin(users, eq(users.id, organizationMemberships.userId)).where(where),
    ]);
    return {
      count: total.n,
      people: rows.map((row) => ({ id: row.id, email: row.email, name: `${row.firstName} ${row.lastName}`.trim() })),
    };
  },
});
