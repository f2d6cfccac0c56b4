import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizationIntegrations, users } from "../../../db/schema";
import { env } from "../../env";
import { AppError, notFound } from "../../errors";
import { outboundUrlProblem } from "../../outbound/check-url";
import { isUuid } from "../../schemas/common";
import type { OrganizationIntegration } from "../../schemas/integrations";
import { iso, userBasic } from "../serialize";

/** The activity-log scope of integrations. */
export const INTEGRATION_SCOPE = "OrganizationIntegration";

export type IntegrationRow = typeof organizationIntegrations.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** An integration on the wire, with its creator as UserBasic. */
export function serializeIntegration(row: IntegrationRow, createdBy: UserRow | null): OrganizationIntegration {
  return {
    id: row.id,
    kind: row.kind,
    integration_id: row.integrationId,
    config: row.config,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    created_by: createdBy ? userBasic(createdBy) : null,
  };
}

/** What the activity log records of an integration: its public fields (the secret is never in them). */
export function auditedFields(row: IntegrationRow) {
  return { id: row.id, kind: row.kind, integration_id: row.integrationId, config: row.config };
}

/** The name an activity entry gives an integration: a webhook's URL, else its kind. */
export function integrationName(row: IntegrationRow): string {
  const url = row.config.url;
  return typeof url === "string" ? url : row.kind;
}

/** One integration of the organization with its creator, locked for update when asked; 404 otherwise. */
export async function integrationOf(db: Executor, organizationId: string, id: string, options: { lock?: boolean } = {}) {
  if (!isUuid(id)) throw notFound();
  const query = db
    .select({ row: organizationIntegrations, createdBy: users })
    .from(organizationIntegrations)
    .leftJoin(users, eq(users.id, organizationIntegrations.createdById))
    .where(and(eq(organizationIntegrations.organizationId, organizationId), eq(organizationIntegrations.id, id.toLowerCase())));
  const [found] = options.lock ? await query.for("update", { of: organizationIntegrations }) : await query;
  if (!found) throw notFound();
  return found;
}

/** A webhook integration of the organization (404 for any other kind). */
export async function webhookOf(db: Executor, organizationId: string, id: string, options: { lock?: boolean } = {}) {
  const found = await integrationOf(db, organizationId, id, options);
  if (found.row.kind !== "webhook") throw notFound();
  return found;
}

/** The save-time rule for a webhook URL: the outbound rules of this instance, 400 on `config__url`. */
export function checkWebhookUrl(url: string) {
  const problem = outboundUrlProblem(url, { allowPrivate: env().ORGDECK_ALLOW_PRIVATE_URLS });
  if (problem) throw new AppError("invalid_input", { detail: problem.message, attr: "config__url" });
}
