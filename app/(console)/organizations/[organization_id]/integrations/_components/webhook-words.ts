import { WEBHOOK_EVENT_SCOPES, type WebhookEventScope } from "@/lib/schemas/integrations";
import type { Integration } from "@/lib/query/types";

/** Each activity-log scope in the console's words. */
export const SCOPE_LABELS: Record<WebhookEventScope, string> = {
  Organization: "Organization settings",
  OrganizationMembership: "Members",
  OrganizationInvite: "Invitations",
  OrganizationDomain: "Domains",
  IdentityProviderConfig: "Identity providers",
  ScimGroup: "SCIM groups",
  PersonalAPIKey: "Personal API keys",
  Project: "Projects",
  ProjectMembership: "Project access",
  OAuthApplication: "OAuth applications",
  OrganizationIntegration: "Integrations",
  LegalDocument: "Legal documents",
  BatchExport: "Batch exports",
  ServiceAccount: "Service accounts",
  DirectoryRole: "Directory roles",
};

const KIND_LABELS: Record<string, string> = { webhook: "Webhook", vercel: "Vercel" };

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

/** A webhook's URL, or null for an integration without one (a marketplace install). */
export function urlOf(integration: Pick<Integration, "config">): string | null {
  const url = integration.config.url;
  return typeof url === "string" ? url : null;
}

/** The scopes a webhook receives, in the schema's order (every scope when the config names none). */
export function scopesOf(integration: Pick<Integration, "config">): WebhookEventScope[] {
  const stored = integration.config.scopes;
  if (!Array.isArray(stored)) return [...WEBHOOK_EVENT_SCOPES];
  return WEBHOOK_EVENT_SCOPES.filter((s) => stored.includes(s));
}

/** "All events" or how many kinds of event. */
export function scopesSummary(scopes: readonly string[]) {
  if (scopes.length >= WEBHOOK_EVENT_SCOPES.length) return "All events";
  return scopes.length === 1 ? "1 kind of event" : `${scopes.length} kinds of event`;
}

/** How an integration is named in titles and dialogs: a webhook by its host, anything else by its kind. */
export function integrationName(integration: Pick<Integration, "kind" | "config">) {
  const url = urlOf(integration);
  if (!url) return kindLabel(integration.kind);
  try {
    return `Webhook to ${new URL(url).host}`;
  } catch {
    return "Webhook";
  }
}

export type EnvironmentMapping = { production: number; preview: number; development: number };

/** A stored mapping read defensively: `config` is free-form, and only whole numbers are project ids. */
export function mappingOf(config: Record<string, unknown>): EnvironmentMapping | null {
  const m = config.environment_mapping as Record<string, unknown> | undefined;
  const ok = (v: unknown): v is number => Number.isInteger(v);
  return m && ok(m.production) && ok(m.preview) && ok(m.development) ? { production: m.production, preview: m.preview, development: m.development } : null;
}

export const ADMINS_ONLY = "Only admins and owners can change integrations.";
