import { z } from "zod";
import { env } from "../../env";
import { SCIM_MAX_RESULTS, SCIM_SCHEMAS } from "../../schemas/scim";
import { operation } from "../operation";
import { Page } from "../page";
import { tenantOf } from "./users";

const SCIM = ["scim"] as const;
const noInput = z.looseObject({});
const baseOf = (id: string) => `${env().SITE_URL}/scim/v2/${id}`;
const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

/** What this server supports, as RFC 7643 §5 states it: PATCH and filters yes; bulk, sort, ETags and password changes no. */
export const scimServiceProviderConfig = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: noInput,
  run: async ({ principal }) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${env().SITE_URL}/docs/api`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "Bearer token", description: "The SCIM token of this domain or identity-provider config.", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseOf(tenantOf(principal).id)}/ServiceProviderConfig` },
  }),
});

const resourceTypes = (id: string) => [
  { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "User", name: "User", endpoint: "/Users", schema: SCIM_SCHEMAS.user, schemaExtensions: [{ schema: SCIM_SCHEMAS.enterpriseUser, required: false }], meta: { resourceType: "ResourceType", location: `${baseOf(id)}/ResourceTypes/User` } },
  { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "Group", name: "Group", endpoint: "/Groups", schema: SCIM_SCHEMAS.group, meta: { resourceType: "ResourceType", location: `${baseOf(id)}/ResourceTypes/Group` } },
];

export const scimResourceTypes = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: noInput,
  run: async ({ principal }) => {
    const all = resourceTypes(tenantOf(principal).id);
    return new Page(all, all.length, { limit: all.length, offset: 0 });
  },
});

const userSchema = {
  id: SCIM_SCHEMAS.user,
  name: "User",
  description: "A person provisioned into the organization",
  attributes: [
    attribute("userName", "string", { required: true, uniqueness: "server" }),
    attribute("name", "complex", { subAttributes: [attribute("givenName", "string"), attribute("familyName", "string"), attribute("formatted", "string")] }),
    attribute("displayName", "string"),
    attribute("externalId", "string", { caseExact: true }),
    attribute("active", "boolean"),
    attribute("emails", "complex", { multiValued: true, subAttributes: [attribute("value", "string"), attribute("type", "string"), attribute("primary", "boolean")] }),
    attribute("password", "string", { mutability: "writeOnly", returned: "never" }),
  ],
};
const groupSchema = {
  id: SCIM_SCHEMAS.group,
  name: "Group",
  description: "A group whose members may be given an organization level",
  attributes: [
    attribute("displayName", "string", { required: true, uniqueness: "server" }),
    attribute("externalId", "string", { caseExact: true }),
    attribute("members", "complex", { multiValued: true, subAttributes: [attribute("value", "string", { mutability: "immutable" }), attribute("display", "string", { mutability: "readOnly" })] }),
  ],
};

export const scimSchemas = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: noInput,
  run: async ({ principal }) => {
    const base = baseOf(tenantOf(principal).id);
    const all = [userSchema, groupSchema].map((s) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"], ...s, meta: { resourceType: "Schema", location: `${base}/Schemas/${s.id}` } }));
    return new Page(all, all.length, { limit: all.length, offset: 0 });
  },
});
