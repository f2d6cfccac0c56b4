/** The OpenAPI entries of the directory API's organizations (`/directory/orgs…`). */
import { z } from "zod";
import {
  DirectoryAvailability,
  DirectoryOrganization,
  DirectoryOrganizationCreate,
  DirectoryOrganizationUpdate,
  DirectorySuggestion,
} from "../schemas/directory";
import {
  createDirectoryOrganization,
  deleteDirectoryOrganization,
  getDirectoryOrganization,
  updateDirectoryOrganization,
} from "../services/directory/orgs";
import { checkDirectoryAvailability, suggestDirectoryOrganizations } from "../services/directory/orgs-discovery";
import { api, type ApiRoute } from "./api-route";

const ORG = "/directory/orgs/{organization_id}";
const TAG = "Directory";
const CALLERS = "A session, a personal API key with the scope, or a service account's access token holding the permission.";

export const DIRECTORY_ORG_ROUTES: ApiRoute[] = [
  api("post", "/directory/orgs", createDirectoryOrganization, DirectoryOrganization, {
    operationId: "directory_orgs_create", tag: TAG, body: DirectoryOrganizationCreate,
    summary: "Create an organization with the caller as owner",
    description: `${CALLERS} The caller becomes its owner; a service account's organization is owned by the administrator who created the account (400 when it has none). \`subdomain\` is a lower-case DNS label unique across the instance (400 \`unique\` when taken or reserved, alike). \`domain\` is claimed unverified, to be proven by DNS (400 \`unique\` when any organization claimed it). \`status\` is \`active\` (default), \`inactive\` or \`suspended\`, a label that grants or removes no access. \`id\`, \`creation_date\`, \`modified_date\` and \`logo_url\` are ignored.`,
  }),
  api("get", "/directory/orgs/domains", checkDirectoryAvailability, DirectoryAvailability, {
    operationId: "directory_orgs_domains_retrieve", tag: TAG, throttled: true,
    summary: "Whether a domain or subdomain is free for a new organization",
    description: `${CALLERS} Answers \`{available}\` only: never who holds a name, and the same for a taken name and a reserved one. A domain any organization claimed, verified or not, is taken. At most RATE_LIMIT_DIRECTORY_LOOKUPS_PER_MINUTE questions per caller a minute (429).`,
  }),
  api("get", "/directory/orgs/suggest", suggestDirectoryOrganizations, z.array(DirectorySuggestion), {
    operationId: "directory_orgs_suggest_retrieve", tag: TAG,
    summary: "Organizations the caller may join",
    description: `${CALLERS} Only for a person whose email address is verified: organizations with a pending invitation for it (\`join: "invitation"\`), and organizations that turned on \`allow_domain_discovery\` and verified the address's domain with JIT on (\`join: "domain"\`); never one the person is in. A service account gets \`[]\`.`,
  }),
  api("get", ORG, getDirectoryOrganization, DirectoryOrganization, {
    operationId: "directory_orgs_retrieve", tag: TAG,
    summary: "An organization", description: `${CALLERS} Another organization's service account gets 404.`,
  }),
  api("put", ORG, updateDirectoryOrganization, DirectoryOrganization, {
    operationId: "directory_orgs_update", tag: TAG, body: DirectoryOrganizationUpdate,
    summary: "Update an organization (partial)",
    description: `${CALLERS} Only the fields sent change; the path names the organization, a body's \`id\` is ignored. Validation as on creation; a new \`domain\` is claimed unverified beside the others.`,
  }),
  api("delete", ORG, deleteDirectoryOrganization, null, {
    operationId: "directory_orgs_destroy", tag: TAG,
    summary: "Delete an organization",
    description: `${CALLERS} Owners (a custom role never suffices), or a service account holding the permission. Answers 200 with an empty body. The organization is not found anywhere from then on, its service accounts' tokens are refused at once, and a job removes its memberships, invitations, service accounts, roles and key scoping.`,
  }),
];
