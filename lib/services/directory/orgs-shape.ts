import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizationDomains } from "../../../db/schema";
import type { CallerKind } from "../../auth/principal";
import { DIRECTORY_STATUSES, RESERVED_SUBDOMAINS, type DirectoryOrganization, type DirectoryStatus } from "../../schemas/directory";
import { signedMediaUrl } from "../media/links";
import type { OrganizationRow } from "../organization-access";
import { subdomainUnavailable } from "../organization-rows";
import { iso } from "../serialize";

/** Every kind of caller the directory API serves. */
export const DIRECTORY_CALLERS = ["session", "api_key", "cli", "service_account"] as const satisfies readonly CallerKind[];

/** A logo link that works without credentials (the directory's callers include machines), or null. */
export const logoUrlOf = (secret: string, org: Pick<OrganizationRow, "logoMediaId">) => (org.logoMediaId ? signedMediaUrl(secret, org.logoMediaId) : null);

/** The organization's domain as the directory shows one: its first verified domain, else the first it claimed. */
async function primaryDomainOf(db: Executor, organizationId: string): Promise<string | null> {
  const [row] = await db
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(eq(organizationDomains.organizationId, organizationId))
    .orderBy(sql`${organizationDomains.verifiedAt} is null`, asc(organizationDomains.createdAt), asc(organizationDomains.domain))
    .limit(1);
  return row?.domain ?? null;
}

/** An organization made through `/api` has no directory status yet: it is active. */
const statusOf = (org: OrganizationRow): DirectoryStatus =>
  (DIRECTORY_STATUSES as readonly string[]).includes(org.status ?? "") ? (org.status as DirectoryStatus) : "active";

/** The directory shape of an organization. */
export async function directoryOrganization(db: Executor, secret: string, org: OrganizationRow): Promise<DirectoryOrganization> {
  return {
    id: org.id,
    name: org.name,
    subdomain: org.subdomain,
    domain: await primaryDomainOf(db, org.id),
    logo_url: logoUrlOf(secret, org),
    creation_date: iso(org.createdAt),
    modified_date: iso(org.updatedAt),
    status: statusOf(org),
    external_sales_force_id: org.externalSalesForceId,
  };
}

/** Reserved subdomains are refused as a taken one is, so the answer does not say which it is. */
export function checkSubdomainAllowed(subdomain: string | null | undefined) {
  if (subdomain && RESERVED_SUBDOMAINS.has(subdomain)) throw subdomainUnavailable();
}
