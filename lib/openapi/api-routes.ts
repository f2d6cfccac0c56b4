import { z } from "zod";
import { PaginatedActivityLogEntryList } from "../schemas/activity-log";
import {
  createDomainInput,
  IdentityProviderConfig,
  OrganizationDomain,
  PaginatedIdentityProviderConfigList,
  PaginatedOrganizationDomainList,
  PaginatedScimRequestLogList,
  PatchedIdentityProviderConfig,
  PatchedOrganizationDomain,
  ScimTokenResponse,
} from "../schemas/domains";
import { createInviteInput, MAX_BULK_INVITES, OrganizationInvite, OrganizationInviteDelegate, PaginatedOrganizationInviteList } from "../schemas/invites";
import {
  OrganizationMember,
  OrganizationMemberGithubLogin,
  OrganizationMemberScopedAPIKeys,
  PaginatedOrganizationMemberList,
  PatchedOrganizationMember,
} from "../schemas/members";
import { Organization, PaginatedOrganizationList } from "../schemas/organizations";
import { PaginatedOutboxEmailList } from "../schemas/outbox";
import { PaginatedPersonalAPIKeyList, PersonalAPIKey, PersonalAPIKeyWithValue, updatePersonalApiKeyInput } from "../schemas/personal-api-keys";
import { updateMeInput, User } from "../schemas/users";
import { exportActivityLog } from "../services/activity-export";
import { listActivityLog, listMyActivityLog } from "../services/activity-log";
import { createDomain, deleteDomain, getDomain, listDomains, regenerateDomainScimToken, updateDomain, verifyDomain } from "../services/domains";
import {
  createIdentityProviderConfig,
  deleteIdentityProviderConfig,
  getIdentityProviderConfig,
  listIdentityProviderConfigs,
  regenerateConfigScimToken,
  updateIdentityProviderConfig,
} from "../services/identity-provider-configs";
import { listDomainScimLogs, listIdentityProviderConfigScimLogs } from "../services/scim-logs";
import { bulkCreateInvites, createInvite, delegateInvite, deleteInvite, listInvites, resendInvite } from "../services/invites";
import { getMemberGithubLogin, getMemberScopedApiKeys, listMembers, removeMember, updateMember } from "../services/members";
import { createOrganization, deleteOrganization, getOrganization, listOrganizations, updateOrganization } from "../services/organizations";
import { listOutbox } from "../services/outbox";
import {
  createPersonalApiKey,
  deletePersonalApiKey,
  getPersonalApiKey,
  listPersonalApiKeys,
  rollPersonalApiKey,
  updatePersonalApiKey,
} from "../services/personal-api-keys";
import { getMe, updateMe } from "../services/users";
import { api, type ApiRoute } from "./api-route";
import { BATCH_EXPORT_ROUTES } from "./api-routes-batch-exports";
import { DIRECTORY_MEMBER_ROUTES } from "./api-routes-directory-members";
import { DIRECTORY_SECTOR_ROUTES } from "./api-routes-directory-sectors";
import { DIRECTORY_ORG_ROUTES } from "./api-routes-directory-orgs";
import { INTEGRATION_ROUTES } from "./api-routes-integrations";
import { LEGAL_DOCUMENT_ROUTES } from "./api-routes-legal-documents";
import { OAUTH_APPLICATION_ROUTES } from "./api-routes-oauth-applications";
import { PROJECT_ROUTES } from "./api-routes-projects";
import { SERVICE_ACCOUNT_ROUTES } from "./api-routes-service-accounts";

const ORG = "/api/organizations/{organization_id}";
const KEYS = "/api/personal_api_keys";
const [ORGS, MEMBERS, INVITES, ACTIVITY, OUTBOX, API_KEYS, USERS, DOMAINS] = ["Organizations", "Members", "Invites", "Activity log", "Outbox", "Personal API keys", "Users", "Domains"];
const DOMAIN_GATES = "Until the domain is verified, `jit_provisioning_enabled`, `sso_enforcement`, `scim_enabled` and the `id_jag_*` fields cannot change (400 `verification_required` on the first sent). `domain` cannot change. Turning SCIM on returns its token in this response only.";

const LEVEL_RULES =
  "Administrators edit members of a level up to their own; only an owner makes someone an owner; nobody changes their own level; an organization always keeps an owner.";

/** Every documented REST endpoint; a test checks it against the route files under app/api. */
export const API_ROUTES: readonly ApiRoute[] = [
  api("get", `${ORG}/domains/`, listDomains, PaginatedOrganizationDomainList, {
    operationId: "domains_list", tag: DOMAINS,
    summary: "List the organization's domains", description: "Ordered by domain name.",
  }),
  api("post", `${ORG}/domains/`, createDomain, OrganizationDomain, {
    operationId: "domains_create", tag: DOMAINS, status: 201, body: createDomainInput,
    summary: "Claim a domain", description: "Lower-case domain names only, each unique across the installation. Other settings wait until the domain is verified.",
  }),
  api("get", `${ORG}/domains/{id}/`, getDomain, OrganizationDomain, { operationId: "domains_retrieve", tag: DOMAINS, summary: "A domain" }),
  api("put", `${ORG}/domains/{id}/`, updateDomain, OrganizationDomain, {
    operationId: "domains_update", tag: DOMAINS, body: PatchedOrganizationDomain, summary: "Change a domain's settings", description: DOMAIN_GATES,
  }),
  api("patch", `${ORG}/domains/{id}/`, updateDomain, OrganizationDomain, {
    operationId: "domains_partial_update", tag: DOMAINS, body: PatchedOrganizationDomain, summary: "Change a domain's settings", description: DOMAIN_GATES,
  }),
  api("delete", `${ORG}/domains/{id}/`, deleteDomain, null, { operationId: "domains_destroy", tag: DOMAINS, status: 204, summary: "Remove a domain" }),
  api("post", `${ORG}/domains/{id}/verify/`, verifyDomain, OrganizationDomain, {
    operationId: "domains_verify_create", tag: DOMAINS,
    summary: "Verify a domain by DNS",
    description: "Looks up the TXT record `_orgdeck-challenge.<domain>`; any record whose first string is `verification_challenge` verifies the domain. Always 200 with the domain: `is_verified` says whether it worked. Not with personal API keys.",
  }),
  api("post", `${ORG}/domains/{id}/scim/token/`, regenerateDomainScimToken, ScimTokenResponse, {
    operationId: "domains_scim_token_create", tag: DOMAINS,
    summary: "Make a new SCIM token", description: "The old token stops working at once. Not with personal API keys.",
    detailOnly400: "when SCIM is not enabled for the domain,",
  }),
  api("get", `${ORG}/domains/{id}/scim/logs/`, listDomainScimLogs, PaginatedScimRequestLogList, {
    operationId: "domains_scim_logs_retrieve", tag: DOMAINS,
    summary: "The SCIM requests of a domain",
    description: "Newest first, paged by `page` and `page_size` (20, at most 100). `search` matches the path or body, also in its masked form. Administrators only, not with personal API keys.",
  }),
  api("get", `${ORG}/identity_provider_configs/`, listIdentityProviderConfigs, PaginatedIdentityProviderConfigList, {
    operationId: "identity_provider_configs_list", tag: DOMAINS, summary: "List identity-provider configs", description: "Oldest first.",
  }),
  api("post", `${ORG}/identity_provider_configs/`, createIdentityProviderConfig, IdentityProviderConfig, {
    operationId: "identity_provider_configs_create", tag: DOMAINS, status: 201,
    summary: "Add an identity-provider config", description: "SAML, SCIM and ID-JAG settings to link to domains. With `scim_enabled`, the response holds the SCIM token, shown this once.",
  }),
  api("get", `${ORG}/identity_provider_configs/{id}/`, getIdentityProviderConfig, IdentityProviderConfig, {
    operationId: "identity_provider_configs_retrieve", tag: DOMAINS, summary: "An identity-provider config",
  }),
  api("put", `${ORG}/identity_provider_configs/{id}/`, updateIdentityProviderConfig, IdentityProviderConfig, {
    operationId: "identity_provider_configs_update", tag: DOMAINS, body: PatchedIdentityProviderConfig, summary: "Change an identity-provider config",
  }),
  api("patch", `${ORG}/identity_provider_configs/{id}/`, updateIdentityProviderConfig, IdentityProviderConfig, {
    operationId: "identity_provider_configs_partial_update", tag: DOMAINS, body: PatchedIdentityProviderConfig, summary: "Change an identity-provider config",
  }),
  api("delete", `${ORG}/identity_provider_configs/{id}/`, deleteIdentityProviderConfig, null, {
    operationId: "identity_provider_configs_destroy", tag: DOMAINS, status: 204, summary: "Delete an identity-provider config", description: "Linked domains are unlinked and keep their settings.",
  }),
  api("post", `${ORG}/identity_provider_configs/{id}/scim/token/`, regenerateConfigScimToken, ScimTokenResponse, {
    operationId: "identity_provider_configs_scim_token_create", tag: DOMAINS,
    summary: "Make a new SCIM token for a config", description: "The old token stops working at once. Not with personal API keys.",
    detailOnly400: "when SCIM is not enabled for the config,",
  }),
  api("get", `${ORG}/identity_provider_configs/{id}/scim/logs/`, listIdentityProviderConfigScimLogs, PaginatedScimRequestLogList, {
    operationId: "identity_provider_configs_scim_logs_retrieve", tag: DOMAINS,
    summary: "The SCIM requests of an identity-provider config",
    description: "Newest first, paged by `page` and `page_size` (20, at most 100). `search` matches the path or body, also in its masked form. Administrators only, not with personal API keys.",
  }),
  api("get", "/api/organizations/", listOrganizations, PaginatedOrganizationList, {
    operationId: "organizations_list", tag: ORGS,
    summary: "List your organizations", description: "The caller's organizations, oldest first.",
  }),
  api("post", "/api/organizations/", createOrganization, Organization, {
    operationId: "organizations_create", tag: ORGS, status: 201,
    summary: "Create an organization", description: "The caller becomes its owner, and it becomes their current organization.",
  }),
  api("get", `${ORG}/`, getOrganization, Organization, {
    operationId: "organizations_retrieve", tag: ORGS,
    summary: "Retrieve an organization", description: "Any member.",
  }),
  api("patch", `${ORG}/`, updateOrganization, Organization, {
    operationId: "organizations_partial_update", tag: ORGS,
    summary: "Change an organization's settings", description: "Administrators and owners. Requiring two-factor authentication needs a session that signed in with a second factor.",
  }),
  api("delete", `${ORG}/`, deleteOrganization, null, {
    operationId: "organizations_destroy", tag: ORGS, status: 204,
    summary: "Delete an organization", description: "Owners only; everything the organization owns goes with it.",
  }),

  api("get", `${ORG}/members/`, listMembers, PaginatedOrganizationMemberList, {
    operationId: "members_list", tag: MEMBERS,
    summary: "List members", description: "Members with an active account, newest first unless `order=joined_at`; suspended members are listed to administrators and owners only. `search` matches names and email by substring or by similarity, exact matches first.",
  }),
  api("put", `${ORG}/members/{user__uuid}/`, updateMember, OrganizationMember, {
    operationId: "members_update", tag: MEMBERS, body: PatchedOrganizationMember,
    summary: "Change a member's level", description: LEVEL_RULES,
  }),
  api("patch", `${ORG}/members/{user__uuid}/`, updateMember, OrganizationMember, {
    operationId: "members_partial_update", tag: MEMBERS, body: PatchedOrganizationMember,
    summary: "Change a member's level", description: LEVEL_RULES,
  }),
  api("delete", `${ORG}/members/{user__uuid}/`, removeMember, null, {
    operationId: "members_destroy", tag: MEMBERS, status: 204,
    summary: "Remove a member, or leave", description: "Anyone but an owner may leave; administrators and owners remove members of a level up to their own.",
  }),
  api("get", `${ORG}/members/{user__uuid}/github_login/`, getMemberGithubLogin, OrganizationMemberGithubLogin, {
    operationId: "members_github_login_retrieve", tag: MEMBERS,
    summary: "A member's GitHub login",
  }),
  api("get", `${ORG}/members/{user__uuid}/scoped_api_keys/`, getMemberScopedApiKeys, OrganizationMemberScopedAPIKeys, {
    operationId: "members_scoped_api_keys_retrieve", tag: MEMBERS,
    summary: "A member's keys that reach this organization", description: "Signed-in sessions only: personal API keys are refused.",
  }),

  api("get", `${ORG}/invites/`, listInvites, PaginatedOrganizationInviteList, {
    operationId: "invites_list", tag: INVITES,
    summary: "List invitations", description: "Pending and expired invitations, newest first.",
  }),
  api("post", `${ORG}/invites/`, createInvite, OrganizationInvite, {
    operationId: "invites_create", tag: INVITES, status: 201, throttled: true,
    summary: "Invite someone", description: "Replaces earlier invitations of the same address. Nobody invites above their own level, and with `members_can_invite` off only administrators and owners invite.",
  }),
  api("delete", `${ORG}/invites/{id}/`, deleteInvite, null, {
    operationId: "invites_destroy", tag: INVITES, status: 204,
    summary: "Revoke an invitation", description: "Administrators and owners; its link stops working.",
  }),
  api("post", `${ORG}/invites/{id}/resend/`, resendInvite, OrganizationInvite, {
    operationId: "invites_resend_create", tag: INVITES,
    summary: "Send an invitation again", description: "The link stays the same.",
  }),
  api("post", `${ORG}/invites/bulk/`, bulkCreateInvites, z.array(OrganizationInvite), {
    operationId: "invites_bulk_create", tag: INVITES, status: 201, throttled: true, body: z.array(createInviteInput).max(MAX_BULK_INVITES),
    summary: "Invite up to 20 people at once", description: "All or nothing: one invalid item creates none and sends nothing. The invitations come back in the request's order.",
  }),
  api("post", `${ORG}/invites/delegate/`, delegateInvite, OrganizationInvite, {
    operationId: "invites_delegate_create", tag: INVITES, status: 201, throttled: true, body: OrganizationInviteDelegate,
    summary: "Delegate the organization's setup", description: "Invites someone as an administrator to set the organization up; the caller's older delegation to another address is revoked, and one still valid to the same address is sent again.",
  }),

  ...INTEGRATION_ROUTES,
  ...DIRECTORY_ORG_ROUTES,

  ...LEGAL_DOCUMENT_ROUTES,

  api("get", `${ORG}/activity_log/`, listActivityLog, PaginatedActivityLogEntryList, {
    operationId: "activity_log_list", tag: ACTIVITY,
    summary: "List the activity log", description: "Administrators and owners; newest first.",
  }),
  api("get", `${ORG}/activity_log/export/`, exportActivityLog, null, {
    operationId: "activity_log_export", tag: ACTIVITY,
    summary: "Export the activity log",
    description: "Administrators and owners: every entry the list's filters select, newest first, streamed as one file.",
    download: {
      mediaTypes: ["text/csv", "application/x-ndjson"],
      description: "`format=csv`: a header row, then one row per entry (RFC 4180; cells a spreadsheet would run as a formula start with `'`). `format=jsonl`: one entry per line, as the list returns it.",
    },
  }),
  api("get", `${ORG}/outbox/`, listOutbox, PaginatedOutboxEmailList, {
    operationId: "outbox_list", tag: OUTBOX,
    summary: "List the outbox", description: "Administrators and owners, signed-in sessions only: the emails the organization's actions sent or would have sent, newest first.",
  }),

  ...OAUTH_APPLICATION_ROUTES,
  ...SERVICE_ACCOUNT_ROUTES,
  ...DIRECTORY_MEMBER_ROUTES,
  ...DIRECTORY_SECTOR_ROUTES,

  api("get", `${KEYS}/`, listPersonalApiKeys, PaginatedPersonalAPIKeyList, {
    operationId: "personal_api_keys_list", tag: API_KEYS,
    summary: "List your keys", description: "The caller's own keys, newest first.",
  }),
  api("post", `${KEYS}/`, createPersonalApiKey, PersonalAPIKeyWithValue, {
    operationId: "personal_api_keys_create", tag: API_KEYS, status: 201,
    summary: "Create a key", description: "At most 10 keys per user. The value is shown in this response only.",
  }),
  api("get", `${KEYS}/{id}/`, getPersonalApiKey, PersonalAPIKey, {
    operationId: "personal_api_keys_retrieve", tag: API_KEYS,
    summary: "Retrieve a key",
  }),
  api("patch", `${KEYS}/{id}/`, updatePersonalApiKey, PersonalAPIKey, {
    operationId: "personal_api_keys_partial_update", tag: API_KEYS, body: updatePersonalApiKeyInput,
    summary: "Change a key's label, scopes or organizations",
  }),
  api("delete", `${KEYS}/{id}/`, deletePersonalApiKey, null, {
    operationId: "personal_api_keys_destroy", tag: API_KEYS, status: 204,
    summary: "Delete a key", description: "It stops working at once.",
  }),
  api("post", `${KEYS}/{id}/roll/`, rollPersonalApiKey, PersonalAPIKeyWithValue, {
    operationId: "personal_api_keys_roll_create", tag: API_KEYS,
    summary: "Roll a key", description: "Replaces the key's value; the old value stops working at once.",
  }),

  ...PROJECT_ROUTES,

  ...BATCH_EXPORT_ROUTES,

  api("get", "/api/users/{user_id}/", getMe, User, { operationId: "users_retrieve", tag: USERS, summary: "Retrieve the current user" }),
  api("patch", "/api/users/{user_id}/", updateMe, User, {
    operationId: "users_partial_update", tag: USERS, body: updateMeInput,
    summary: "Change your profile or current organization",
  }),
  api("get", "/api/users/{user_id}/activity_log/", listMyActivityLog, PaginatedActivityLogEntryList, {
    operationId: "users_activity_log_list", tag: USERS,
    summary: "List your activity log",
    description: "Your own entries outside any organization (profile changes; personal API keys created, updated, rolled and deleted), newest first, with the organization log's filters.",
  }),
];
