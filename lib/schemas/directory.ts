/** The directory API's organization shapes: what it accepts and what it answers, in its own field names. */
import { z } from "zod";
import { timestamp, withoutNul } from "./common";
import { DOMAIN_RE } from "./domains";
import { organizationName } from "./organizations";

/** An organization's directory status: a label for the caller's own bookkeeping, which grants or removes no access. */
export const DIRECTORY_STATUSES = ["active", "inactive", "suspended"] as const;
export type DirectoryStatus = (typeof DIRECTORY_STATUSES)[number];

/** A lower-case DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
export const SUBDOMAIN_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Subdomains nobody may take: names of the service itself and of common infrastructure. */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  "www", "api", "admin", "app", "mail", "smtp", "imap", "pop", "ftp", "ns1", "ns2", "dns", "mx", "auth", "login", "sso",
  "oauth", "id", "account", "accounts", "billing", "status", "support", "help", "docs", "blog", "static", "assets", "cdn",
  "dashboard", "console", "scim", "directory", "root", "system", "internal", "localhost", "test", "staging", "dev",
]);

export const subdomainField = withoutNul(z.string().max(63)).pipe(
  z.string().regex(SUBDOMAIN_RE, { message: "Enter a subdomain of lower-case letters, digits and inner hyphens (at most 63 characters)." }),
);

export const domainField = withoutNul(z.string().max(128)).pipe(z.string().regex(DOMAIN_RE, { message: "Please enter a valid domain or subdomain name." }));

/**
 * The body of POST and PUT. `id`, `creation_date`, `modified_date` and `logo_url` are set by the server and ignored when
 * sent (the logo is uploaded through `/api/organizations/:id/logo`). `domain` is claimed unverified, to be proven by DNS.
 */
const bodyFields = {
  name: organizationName,
  subdomain: subdomainField.nullable(),
  domain: domainField,
  status: z.enum(DIRECTORY_STATUSES),
  external_sales_force_id: withoutNul(z.string().trim().max(255)).nullable(),
};

export const createDirectoryOrganizationInput = z.object({ ...bodyFields, subdomain: bodyFields.subdomain.optional(), domain: bodyFields.domain.optional(), status: bodyFields.status.optional(), external_sales_force_id: bodyFields.external_sales_force_id.optional() });
export const updateDirectoryOrganizationInput = z.object(bodyFields).partial();
export type CreateDirectoryOrganizationInput = z.output<typeof createDirectoryOrganizationInput>;
export type UpdateDirectoryOrganizationInput = z.output<typeof updateDirectoryOrganizationInput>;

/** The request body of POST, for the OpenAPI document. */
export const DirectoryOrganizationCreate = createDirectoryOrganizationInput.meta({ id: "DirectoryOrganizationCreate" });
/** The request body of PUT, for the OpenAPI document. */
export const DirectoryOrganizationUpdate = updateDirectoryOrganizationInput.meta({ id: "DirectoryOrganizationUpdate" });

/** An organization as the directory API shows it. */
export const DirectoryOrganization = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    subdomain: z.string().nullable(),
    domain: z.string().nullable().meta({ description: "The organization's first verified domain, else the first it claimed; null without any." }),
    logo_url: z.string().nullable().meta({ description: "A link to the logo that works without credentials, or null." }),
    creation_date: timestamp,
    modified_date: timestamp,
    status: z.enum(DIRECTORY_STATUSES),
    external_sales_force_id: z.string().nullable(),
  })
  .meta({ id: "DirectoryOrganization" });
export type DirectoryOrganization = z.infer<typeof DirectoryOrganization>;

/** The query of the availability check: a domain, a subdomain, or both. */
export const availabilityQuery = z.object({ domain: z.string().max(200).optional(), subdomain: z.string().max(200).optional() });

/** Whether a name is free: never who holds it, and the same answer for a taken name and a reserved one. */
export const DirectoryAvailability = z.strictObject({ available: z.boolean() }).meta({ id: "DirectoryAvailability" });

export const JOIN_METHODS = ["invitation", "domain"] as const;

/** An organization the caller may join, and how. */
export const DirectorySuggestion = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    logo_url: z.string().nullable(),
    join: z.enum(JOIN_METHODS).meta({
      description:
        "`invitation`: a pending invitation for the caller's verified email address; `domain`: the caller's verified email address is at a verified domain of the organization, which turned on discovery.",
    }),
  })
  .meta({ id: "DirectorySuggestion" });
export type DirectorySuggestion = z.infer<typeof DirectorySuggestion>;
