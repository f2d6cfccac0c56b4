import type { scimUsers } from "../../../db/schema";
import { echo, invalidInput } from "../../errors";
import { env } from "../../env";
import { canonicalEmail } from "../../schemas/common";
import { SCIM_SCHEMAS } from "../../schemas/scim";
import { clientAttributes, schemasOf, scimBoolean, withoutNulls, type ScimObject } from "./resource";

export type ScimUserRow = typeof scimUsers.$inferSelect;

/** What a User resource sets: the searchable columns, and the resource as the client keeps it. */
export type ScimUserFields = {
  userName: string;
  email: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  active: boolean;
  /** The primary (else first) email's value, lower-case. */
  primaryEmail: string | null;
  resource: ScimObject;
};

const text = (value: unknown, attr: string, max: number): string | null => {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string" || value.length > max) throw invalidInput(`Enter text of at most ${max} characters.`, attr);
  return value.trim() || null;
};

type Email = { value?: unknown; type?: unknown; primary?: unknown };

/**
 * Reads a User resource: `userName` is the address (refused unless it is one), `active` true unless said otherwise
 * (also as "True"/"False"), the primary email (else the first) kept lower-case, `password` never kept.
 */
export function userFields(body: ScimObject): ScimUserFields {
  const userName = text(body.userName, "userName", 254);
  if (!userName) throw invalidInput("userName is required.", "userName");
  const email = canonicalEmail(userName);
  if (!email) throw invalidInput(`userName "${echo(userName)}" must be an email address.`, "userName");
  const resource = clientAttributes(body);
  const name = (resource.name && typeof resource.name === "object" ? resource.name : {}) as Record<string, unknown>;
  const emails = Array.isArray(resource.emails) ? (resource.emails as Email[]) : [];
  for (const entry of emails) if (entry && typeof entry === "object" && "primary" in entry) entry.primary = scimBoolean(entry.primary, "emails.primary");
  const primary = emails.find((e) => e?.primary === true) ?? emails[0];
  return {
    userName,
    email,
    externalId: text(resource.externalId, "externalId", 255),
    displayName: text(resource.displayName, "displayName", 255),
    givenName: text(name.givenName, "name.givenName", 150),
    familyName: text(name.familyName, "name.familyName", 150),
    active: resource.active === undefined ? true : scimBoolean(resource.active, "active"),
    primaryEmail: typeof primary?.value === "string" ? primary.value.toLowerCase().slice(0, 254) : null,
    resource: { ...resource, userName },
  };
}

/** The columns of a SCIM user row from its fields. */
export const userColumns = (f: ScimUserFields) => ({
  userName: f.userName,
  externalId: f.externalId,
  displayName: f.displayName,
  givenName: f.givenName,
  familyName: f.familyName,
  email: f.primaryEmail,
  active: f.active,
  resource: f.resource,
});

const tenantPath = (row: ScimUserRow) => `${env().SITE_URL}/scim/v2/${row.tenantId}`;

/** A SCIM user as RFC 7643 writes it, with `active`, the stored attributes and `meta`; never null values. */
export function serializeScimUser(row: ScimUserRow): ScimObject {
  return withoutNulls({
    schemas: schemasOf(SCIM_SCHEMAS.user, row.resource),
    id: row.id,
    ...row.resource,
    userName: row.userName,
    active: row.active,
    meta: { resourceType: "User", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${tenantPath(row)}/Users/${row.id}` },
  });
}
