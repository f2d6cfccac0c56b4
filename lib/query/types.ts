/**
 * The REST API's wire shapes as the console's client code reads them, inferred from the response schemas in
 * lib/schemas (the same schemas the OpenAPI document is generated from). Server pages pass the operations' results
 * into props of these types, and the compiler checks that the two agree.
 */
import type { z } from "zod";
import type { ActivityLogChange, ActivityLogEntry } from "../schemas/activity-log";
import type { BatchExport as BatchExportSchema, BatchExportBackfill as BatchExportBackfillSchema, BatchExportLogEntry as BatchExportLogEntrySchema, BatchExportRun as BatchExportRunSchema } from "../schemas/batch-exports";
import type { IdentityProviderConfig as IdentityProviderConfigSchema, OrganizationDomain } from "../schemas/domains";
import type { OrganizationIntegration, WebhookDelivery as WebhookDeliverySchema } from "../schemas/integrations";
import type { PendingOrganizationInvite, OrganizationInvite } from "../schemas/invites";
import type { LegalDocumentDTO } from "../schemas/legal-documents";
import type { OrganizationOAuthApplication } from "../schemas/oauth-applications";
import type { OrganizationMember, OrganizationMemberGithubLogin, OrganizationMemberScopedAPIKeys } from "../schemas/members";
import type { Organization as OrganizationSchema, OrganizationBasic } from "../schemas/organizations";
import type { OutboxEmail as OutboxEmailSchema, OutboxEmailStatusEnum } from "../schemas/outbox";
import type { PersonalAPIKey } from "../schemas/personal-api-keys";
import type { ProjectMember as ProjectMemberSchema } from "../schemas/project-members";
import type { ProjectBackwardCompat, ProjectBackwardCompatBasic } from "../schemas/projects";
import type { User, UserBasic as UserBasicSchema } from "../schemas/users";

/** One page of any list: `{count, next, previous, results}`. */
export type ListPage<T> = { count: number; next: string | null; previous: string | null; results: T[] };

export type OrganizationSummary = z.infer<typeof OrganizationBasic>;

export type Organization = z.infer<typeof OrganizationSchema>;

export type UserBasic = z.infer<typeof UserBasicSchema>;

/** The signed-in person (`/api/users/@me/`). */
export type Me = z.infer<typeof User>;

export type PersonalApiKey = z.infer<typeof PersonalAPIKey>;

export type ActivityChange = z.infer<typeof ActivityLogChange>;

export type ActivityEntry = z.infer<typeof ActivityLogEntry>;

/** OrganizationMember; `search_match_type` only when the list is searched. */
export type Member = z.infer<typeof OrganizationMember>;

/** A member's personal API keys that reach the organization (sessions only). */
export type MemberScopedApiKeys = z.infer<typeof OrganizationMemberScopedAPIKeys>;

/** A member's linked GitHub account, if any. */
export type MemberGithubLogin = z.infer<typeof OrganizationMemberGithubLogin>;

/** OrganizationInvite, pending or expired. */
export type Invite = z.infer<typeof OrganizationInvite>;

/** An invitation waiting for the signed-in person, with the token of its link (/invites/<token>). */
export type MyInvite = z.infer<typeof PendingOrganizationInvite>;

export type OutboxStatus = z.infer<typeof OutboxEmailStatusEnum>;

/** One email of the organization's outbox (admins): what was sent or would have been, and every attempt. */
export type OutboxEmail = z.infer<typeof OutboxEmailSchema>;

/** How a member joined (the console reads it beside the member object, which does not carry it). */
export type { MemberOrigin } from "../services/member-origin";

/** A domain the organization claims, with its SAML, SCIM and sign-in settings. */
export type Domain = z.infer<typeof OrganizationDomain>;

/** SAML and SCIM settings kept once and linked to several domains. */
export type IdentityProviderConfig = z.infer<typeof IdentityProviderConfigSchema>;

/** An OAuth client the organization registered (its secret is shown only by the action that made it). */
export type OAuthApplication = z.infer<typeof OrganizationOAuthApplication>;
/** A DPA or BAA of the organization, sent for signature or signed. */
export type LegalDocument = LegalDocumentDTO;

/** A project as the list shows it. */
export type ProjectSummary = z.infer<typeof ProjectBackwardCompatBasic>;

/** A project with every setting and the caller's access to it. */
export type Project = z.infer<typeof ProjectBackwardCompat>;

/** Someone with explicit access to a private project. */
export type ProjectMember = z.infer<typeof ProjectMemberSchema>;

/** An integration of the organization (a webhook, or a marketplace install); `config` never holds a secret. */
export type Integration = z.infer<typeof OrganizationIntegration>;

/** One event sent (or to send) to a webhook, with every attempt (admins). */
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** A batch export; its destination's config never holds a secret, and `latest_runs` comes only with one export. */
export type BatchExport = z.infer<typeof BatchExportSchema>;

/** One interval of a batch export, delivered or to deliver. */
export type BatchExportRun = z.infer<typeof BatchExportRunSchema>;

/** A backfill with how many of its runs are done. */
export type BatchExportBackfill = z.infer<typeof BatchExportBackfillSchema>;

export type BatchExportLogEntry = z.infer<typeof BatchExportLogEntrySchema>;
