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
import {
  CreateOrganizationIntegration,
  EnvironmentMapping,
  OrganizationIntegration,
  OrganizationIntegrationWithSecret,
  PaginatedOrganizationIntegrationList,
  PaginatedWebhookDeliveryList,
  PatchedOrganizationIntegration,
  WebhookDelivery,
} from "../schemas/integrations";
import { createInviteInput, MAX_BULK_INVITES, OrganizationInvite, OrganizationInviteDelegate, PaginatedOrganizationInviteList } from "../schemas/invites";
import {
  OrganizationMember,
  OrganizationMemberGithubLogin,
  OrganizationMemberScopedAPIKeys,
  PaginatedOrganizationMemberList,
  PatchedOrganizationMember,
} from "../schemas/members";
import {
  CreateOrganizationOAuthApplication,
  OrganizationOAuthApplication,
  OrganizationOAuthApplicationWithSecret,
  PaginatedOrganizationOAuthApplicationList,
  PatchedOrganizationOAuthApplication,
} from "../schemas/oauth-applications";
import { Organization, PaginatedOrganizationList } from "../schemas/organizations";
import { PaginatedOutboxEmailList } from "../schemas/outbox";
import { PaginatedPersonalAPIKeyList, PersonalAPIKey, PersonalAPIKeyWithValue, updatePersonalApiKeyInput } from "../schemas/personal-api-keys";
import { PaginatedProjectMemberList, ProjectMember, ProjectMemberGrant, ProjectMemberLevel } from "../schemas/project-members";
import { createProjectInput, PaginatedProjectBackwardCompatBasicList, PatchedProjectBackwardCompat, ProjectBackwardCompat } from "../schemas/projects";
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
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  listWebhookDeliveries,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestEvent,
  updateEnvironmentMapping,
  updateWebhook,
} from "../services/integrations";
import { listDomainScimLogs, listIdentityProviderConfigScimLogs } from "../services/scim-logs";
import { bulkCreateInvites, createInvite, delegateInvite, deleteInvite, listInvites, resendInvite } from "../services/invites";
import { getMemberGithubLogin, getMemberScopedApiKeys, listMembers, removeMember, updateMember } from "../services/members";
import {
  createOAuthApplication,
  deleteOAuthApplication,
  getOAuthApplication,
  listOAuthApplications,
  rotateOAuthApplicationSecret,
  updateOAuthApplication,
} from "../services/oauth-applications";
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
import {
  createProject,
  deleteProject,
  getProject,
  listProjectMembers,
  listProjects,
  removeProjectMember,
  replaceProject,
  setProjectMember,
  updateProject,
} from "../services/projects";
import { getMe, updateMe } from "../services/users";
import { api, type ApiRoute } from "./api-route";

const ORG = "/api/organizations/{organization_id}";
const KEYS = "/api/personal_api_keys";
const [ORGS, MEMBERS, INVITES, ACTIVITY, OUTBOX, API_KEYS, USERS, DOMAINS] = ["Organizations", "Members", "Invites", "Activity log", "Outbox", "Personal API keys", "Users", "Domains"];
const PROJECTS = "Projects";
const PROJECT_RULES =
  "Project members change settings; the name, `access_control` and `secret_api_token_action` need a project admin (effective level 8 or more). A name another project of the organization has (any case) is 409.";
const PROJECT_ACCESS = "Orgdeck's addition: explicit access to a private project, granted and taken by its project admins.";
const INTEGRATIONS = "Integrations";
const SIGNING = "Each event is POSTed as JSON signed in the Standard Webhooks format (`webhook-id`, `webhook-timestamp`, `webhook-signature`).";
const DOMAIN_GATES = "Until the domain is verified, `jit_provisioning_enabled`, `sso_enforcement`, `scim_enabled` and the `id_jag_*` fields cannot change (400 `verification_required` on the first sent). `domain` cannot change. Turning SCIM on returns its token in this response only.";

const OAUTH_APPS = "OAuth applications";

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

  api("get", `${ORG}/integrations/`, listIntegrations, PaginatedOrganizationIntegrationList, {
    operationId: "integrations_list", tag: INTEGRATIONS,
    summary: "List the organization's integrations", description: "Any member; newest first. `config` never holds a secret.",
  }),
  api("post", `${ORG}/integrations/`, createIntegration, OrganizationIntegrationWithSecret, {
    operationId: "integrations_create", tag: INTEGRATIONS, status: 201, body: CreateOrganizationIntegration,
    summary: "Add a webhook",
    description: `Administrators. Activity-log entries of the chosen scopes (all when omitted) are delivered to \`config.url\`, retried with backoff for a day. ${SIGNING} The signing secret is in this response only.`,
  }),
  api("get", `${ORG}/integrations/{id}/`, getIntegration, OrganizationIntegration, { operationId: "integrations_retrieve", tag: INTEGRATIONS, summary: "An integration" }),
  api("patch", `${ORG}/integrations/{id}/`, updateWebhook, OrganizationIntegration, {
    operationId: "integrations_partial_update", tag: INTEGRATIONS, body: PatchedOrganizationIntegration,
    summary: "Change a webhook's URL or scopes", description: "Administrators. The signing secret stays.",
  }),
  api("delete", `${ORG}/integrations/{id}/`, deleteIntegration, null, {
    operationId: "organization_integrations_destroy", tag: INTEGRATIONS, status: 204,
    summary: "Remove an integration", description: "Administrators. Its deliveries still queued are dropped.",
  }),
  api("patch", `${ORG}/integrations/{id}/environment-mapping/`, updateEnvironmentMapping, OrganizationIntegration, {
    operationId: "integrations_environment_mapping_partial_update", tag: INTEGRATIONS, body: EnvironmentMapping,
    summary: "Map environments to projects",
    description: "Administrators, signed-in sessions only. `preview` and `development` default to `production`. Events about a mapped project carry its `environment`.",
    detailOnly400: "when the integration is not connectable or a project is not the organization's,",
  }),
  api("post", `${ORG}/integrations/{id}/rotate-secret/`, rotateWebhookSecret, OrganizationIntegrationWithSecret, {
    operationId: "integrations_rotate_secret_create", tag: INTEGRATIONS,
    summary: "Rotate a webhook's signing secret", description: "Administrators. The new secret is in this response only; later attempts are signed with it.",
  }),
  api("post", `${ORG}/integrations/{id}/test/`, sendTestEvent, WebhookDelivery, {
    operationId: "integrations_test_create", tag: INTEGRATIONS, status: 201,
    summary: "Send a test event", description: "Administrators, signed-in sessions only. Queues a `webhook.test` delivery.",
  }),
  api("get", `${ORG}/integrations/{id}/deliveries/`, listWebhookDeliveries, PaginatedWebhookDeliveryList, {
    operationId: "integrations_deliveries_list", tag: INTEGRATIONS,
    summary: "A webhook's delivery log", description: "Administrators; newest first, each with its attempts. `status` filters: `pending`, `delivered` or `failed`.",
  }),
  api("post", `${ORG}/integrations/{id}/deliveries/{delivery_id}/redeliver/`, redeliverWebhook, WebhookDelivery, {
    operationId: "integrations_deliveries_redeliver_create", tag: INTEGRATIONS,
    summary: "Deliver an event again", description: "Administrators. Queues a delivery that is not pending again, with the same `webhook-id`, retried for another day.",
  }),

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

  api("get", `${ORG}/oauth_applications/`, listOAuthApplications, PaginatedOrganizationOAuthApplicationList, {
    operationId: "oauth_applications_list", tag: OAUTH_APPS,
    summary: "List OAuth applications", description: "Any member: the organization's own applications, newest first.",
  }),
  api("post", `${ORG}/oauth_applications/`, createOAuthApplication, OrganizationOAuthApplicationWithSecret, {
    operationId: "oauth_applications_create", tag: OAUTH_APPS, status: 201, body: CreateOrganizationOAuthApplication,
    summary: "Register an OAuth application",
    description: "Administrators and owners. Redirect URIs are absolute, https (http only on localhost, 127.0.0.1 or [::1]) and without a fragment. `client_secret` is shown in this response only.",
  }),
  api("get", `${ORG}/oauth_applications/{id}/`, getOAuthApplication, OrganizationOAuthApplication, {
    operationId: "oauth_applications_retrieve", tag: OAUTH_APPS, summary: "An OAuth application",
  }),
  api("patch", `${ORG}/oauth_applications/{id}/`, updateOAuthApplication, OrganizationOAuthApplication, {
    operationId: "oauth_applications_partial_update", tag: OAUTH_APPS, body: PatchedOrganizationOAuthApplication,
    summary: "Rename an OAuth application or replace its redirect URIs", description: "Administrators and owners.",
  }),
  api("delete", `${ORG}/oauth_applications/{id}/`, deleteOAuthApplication, null, {
    operationId: "oauth_applications_destroy", tag: OAUTH_APPS, status: 204,
    summary: "Delete an OAuth application", description: "Administrators and owners; its client stops working at once.",
  }),
  api("post", `${ORG}/oauth_applications/{id}/rotate-secret/`, rotateOAuthApplicationSecret, OrganizationOAuthApplicationWithSecret, {
    operationId: "oauth_applications_rotate_secret_create", tag: OAUTH_APPS,
    summary: "Give an OAuth application a new client secret", description: "Administrators and owners. The old secret stops working at once; the new one is shown in this response only.",
  }),

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

  api("get", `${ORG}/projects/`, listProjects, PaginatedProjectBackwardCompatBasicList, {
    operationId: "organizations_projects_list", tag: PROJECTS,
    summary: "List projects", description: "The projects the caller reaches, by id: admins see all, members the public ones and the private ones they belong to. Projects being deleted are left out.",
  }),
  api("post", `${ORG}/projects/`, createProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_create", tag: PROJECTS, status: 201, body: createProjectInput, conflict: true,
    summary: "Create a project",
    description: "Admins, or members when the organization allows it. At most one demo project and ORGDECK_MAX_PROJECTS_PER_ORG others (403). The secret token is in this response only; the project becomes the caller's current one.",
  }),
  api("get", `${ORG}/projects/{id}/`, getProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_retrieve", tag: PROJECTS,
    summary: "Retrieve a project", description: "`@current` is the caller's current project while they reach it, else the first they reach. A project being deleted answers with `is_pending_deletion` true.",
  }),
  api("put", `${ORG}/projects/{id}/`, replaceProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_update", tag: PROJECTS, body: createProjectInput, conflict: true,
    summary: "Replace a project's settings", description: `Settings left out return to their defaults; refused (403) when the organization is at its project cap. ${PROJECT_RULES}`,
  }),
  api("patch", `${ORG}/projects/{id}/`, updateProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_partial_update", tag: PROJECTS, body: PatchedProjectBackwardCompat, conflict: true,
    summary: "Change a project's settings",
    description: `Only the fields sent change; \`session_replay_config\`, \`modifiers\`, \`conversations_settings\`, \`survey_config\` and the analytics configs are merged into what is stored. ${PROJECT_RULES}`,
  }),
  api("delete", `${ORG}/projects/{id}/`, deleteProject, null, {
    operationId: "organizations_projects_destroy", tag: PROJECTS, status: 204,
    summary: "Delete a project", description: "Project admins. The project disappears at once and is removed in the background; deleting it again is 400.",
  }),
  api("get", `${ORG}/projects/{id}/members/`, listProjectMembers, PaginatedProjectMemberList, {
    operationId: "organizations_projects_members_list", tag: PROJECTS, summary: "List who has explicit access to a project", description: PROJECT_ACCESS,
  }),
  api("post", `${ORG}/projects/{id}/members/`, setProjectMember, ProjectMember, {
    operationId: "organizations_projects_members_create", tag: PROJECTS, status: 201, body: ProjectMemberGrant,
    summary: "Grant access to a private project", description: `${PROJECT_ACCESS} Nobody changes their own level.`,
  }),
  api("put", `${ORG}/projects/{id}/members/{user_uuid}/`, setProjectMember, ProjectMember, {
    operationId: "organizations_projects_members_update", tag: PROJECTS, body: ProjectMemberLevel,
    summary: "Set someone's level in a private project", description: `${PROJECT_ACCESS} Nobody changes their own level.`,
  }),
  api("delete", `${ORG}/projects/{id}/members/{user_uuid}/`, removeProjectMember, null, {
    operationId: "organizations_projects_members_destroy", tag: PROJECTS, status: 204,
    summary: "Take someone's access to a project away", description: `${PROJECT_ACCESS} Anyone may remove themselves.`,
  }),

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
