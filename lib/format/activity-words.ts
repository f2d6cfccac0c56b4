import type { z } from "zod";
import { isLevel, LEVEL_NAMES } from "../auth/permissions";
import type { ActivityLogChange, ActivityLogEntry, ActivityVia } from "../schemas/activity-log";

type Change = Pick<z.infer<typeof ActivityLogChange>, "field" | "action" | "before" | "after">;
type Entry = Pick<ActivityLogEntry, "user" | "scope" | "activity" | "detail">;

/** What an empty value reads as: no value at all. Field names match the labels of the settings page. */
export const NO_VALUE = "—";

const FIELD_WORDS: Record<string, string> = {
  name: "Name",
  slug: "Slug",
  enforce_2fa: "Require two-factor authentication",
  members_can_invite: "Members can invite people",
  members_can_use_personal_api_keys: "Members can use personal API keys",
  members_can_create_projects: "Members can create projects",
  is_member_join_email_enabled: "Email members when someone joins",
  is_ai_data_processing_approved: "AI data processing approved",
  allow_domain_discovery: "Suggest the organization to people of its verified domains",
  subdomain: "Subdomain",
  status: "Status",
  external_sales_force_id: "Salesforce id",
  level: "Level",
  target_email: "Email",
  email: "Email",
  user: "Person",
  is_active: "Account active",
  label: "Label",
  scopes: "Permissions",
  scoped_organizations: "Organizations it works in",
  first_name: "First name",
  last_name: "Last name",
  role_at_organization: "Role",
  current_organization_id: "Current organization",
  mapped_level: "Level it grants",
};

/** "members_can_invite" → "Members can invite people"; a field without words of its own is spelled out ("logo_media_id" → "Logo media id"). */
export function fieldWords(field: string): string {
  const known = FIELD_WORDS[field];
  if (known) return known;
  const spaced = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replaceAll("_", " ").trim().toLowerCase();
  return spaced ? spaced[0].toUpperCase() + spaced.slice(1) : field;
}

/** A value as words: levels by name, booleans "on"/"off", nothing as "—", lists comma-separated. */
export function valueWords(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return NO_VALUE;
  if ((field === "level" || field === "mapped_level") && isLevel(value)) return LEVEL_NAMES[value].toLowerCase();
  if (typeof value === "boolean") return value ? "on" : "off";
  if (Array.isArray(value)) return value.length === 0 ? NO_VALUE : value.map((v) => valueWords(field, v)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** One change as a line: "Level: member → administrator"; a created field shows its value, a deleted one what it was. */
export function changeWords(change: Change): string {
  const label = fieldWords(change.field);
  const before = valueWords(change.field, change.before);
  const after = valueWords(change.field, change.after);
  if (change.action === "created") return `${label}: ${after}`;
  if (change.action === "deleted") return `${label}: ${before} (removed)`;
  return `${label}: ${before} → ${after}`;
}

/** A person as the console names them: their full name, else their email address. */
function personName(user: { first_name: string; last_name: string; email: string }) {
  return `${user.first_name} ${user.last_name}`.trim() || user.email;
}

/** Who acted: the person, else the identity provider or SCIM client named in the entry, else the CLI or the system. */
export function actorWords(entry: Pick<Entry, "user" | "detail">): string {
  if (entry.user) return personName(entry.user);
  if (entry.detail.actor && entry.detail.actor !== "anonymous") return entry.detail.actor;
  const kind = entry.detail.via?.kind;
  if (kind === "cli") return "An operator (admin CLI)";
  if (kind === "identity_provider") return "The identity provider";
  if (kind === "scim") return "Directory sync (SCIM)";
  return "The system";
}

/** How the actor came in: "Console", "API key “deploy bot”", "Admin CLI"…; null for entries recorded before this was kept. */
export function viaWords(via: ActivityVia | undefined): string | null {
  if (!via) return null;
  switch (via.kind) {
    case "console":
      return "Console";
    case "api_key":
      return via.key_label ? `API key “${via.key_label}”` : "API key";
    case "cli":
      return "Admin CLI";
    case "scim":
      return "Directory sync (SCIM)";
    case "service_account":
      return "Service account";
    case "identity_provider":
      return "Identity provider";
    case "system":
      return "System";
  }
}

const OBJECT_WORDS: Record<string, string> = {
  Organization: "organization",
  OrganizationMembership: "member",
  OrganizationInvite: "invitation",
  PersonalAPIKey: "personal API key",
  User: "account",
  LegalDocument: "legal document",
  ScimGroup: "SCIM group",
  OAuthApplication: "OAuth application",
  OrganizationDomain: "domain",
  IdentityProviderConfig: "identity provider",
  ProjectMembership: "project access",
  OrganizationIntegration: "integration",
  ServiceAccount: "service account",
};

/** "OrganizationMembership" → "member"; an object type without words of its own is spelled out ("LegalDocument" → "legal document"). */
export function objectWords(scope: string): string {
  return OBJECT_WORDS[scope] ?? scope.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

type Phrase = (name: string) => string;

const PHRASES: Record<string, Record<string, Phrase>> = {
  Organization: {
    created: (n) => `created the organization ${n}`,
    updated: (n) => `changed the settings of ${n}`,
    deleted: (n) => `deleted the organization ${n}`,
    pairwise_subjects_exported: (n) => `exported the pairwise subjects of ${n}`,
  },
  OrganizationMembership: {
    created: (n) => `added ${n}`,
    updated: (n) => `changed the level of ${n}`,
    joined: () => "joined the organization",
    left: () => "left the organization",
    removed: (n) => `removed ${n}`,
    deleted: (n) => `removed ${n}`,
  },
  OrganizationInvite: {
    created: (n) => `invited ${n}`,
    resent: (n) => `sent the invitation to ${n} again`,
    deleted: (n) => `revoked the invitation of ${n}`,
    accepted: (n) => `accepted the invitation for ${n}`,
  },
  PersonalAPIKey: {
    created: (n) => `created the personal API key ${n}`,
    updated: (n) => `changed the personal API key ${n}`,
    deleted: (n) => `deleted the personal API key ${n}`,
    rolled: (n) => `rolled the personal API key ${n}`,
  },
  OAuthApplication: {
    created: (n) => `registered the OAuth application ${n}`,
    updated: (n) => `changed the OAuth application ${n}`,
    deleted: (n) => `deleted the OAuth application ${n}`,
    secret_rotated: (n) => `gave the OAuth application ${n} a new client secret`,
    verified: (n) => `verified the OAuth application ${n}`,
    unverified: (n) => `withdrew the verification of the OAuth application ${n}`,
  },
  ServiceAccount: {
    created: (n) => `created the service account ${n}`,
    updated: (n) => `changed the service account ${n}`,
    deleted: (n) => `deleted the service account ${n}`,
    secret_rotated: (n) => `gave the service account ${n} a new client secret`,
  },
  User: {
    created: (n) => `created the account ${n}`,
    updated: (n) => `changed the profile of ${n}`,
    deactivated: (n) => `deactivated the account ${n}`,
    signed_in: () => "signed in",
  },
};

const PAST_TENSE: Record<string, string> = { created: "created", updated: "changed", deleted: "deleted" };

/** What happened, without the actor: "changed the level of bo@example.com", "invited bo@example.com". */
export function actionWords(entry: Pick<Entry, "scope" | "activity" | "detail">): string {
  const name = entry.detail.name;
  const phrase = PHRASES[entry.scope]?.[entry.activity];
  if (phrase) return phrase(name);
  const verb = PAST_TENSE[entry.activity] ?? entry.activity.replaceAll("_", " ");
  return `${verb} the ${objectWords(entry.scope)} ${name}`.trim();
}

/** The entry as a sentence: "Ada Lovelace changed the level of bo@example.com". */
export function activitySentence(entry: Entry): string {
  return `${actorWords(entry)} ${actionWords(entry)}`;
}
