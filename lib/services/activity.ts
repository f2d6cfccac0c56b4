import type { Executor } from "../../db/client";
import { activityLog } from "../../db/schema";
import { actorLabel, type Principal } from "../auth/principal";
import type { ActivityVia } from "../schemas/activity-log";
import { fanOutActivity } from "./integrations/fan-out";

export type Change = {
  type: string;
  field: string;
  action: "created" | "changed" | "deleted";
  before: unknown;
  after: unknown;
};

type Entry = {
  organizationId: string | null;
  /** The object type, one word per table: `Organization`, `PersonalAPIKey`, … */
  scope: string;
  itemId: string | number;
  activity: string;
  name: string;
  changes?: Change[];
  /** How the actor came in, when the caller's kind does not say it (an identity provider making a user at sign-in). */
  via?: ActivityVia;
};

/** How a caller came in: the console, a personal API key (by its label, never its value), the admin CLI, SCIM, or the system. */
export function viaOf(principal: Principal): ActivityVia {
  switch (principal.kind) {
    case "session":
      return { kind: "console" };
    case "api_key":
      return { kind: "api_key", key_label: principal.key.label };
    case "cli":
      return { kind: "cli" };
    case "scim":
      return { kind: "scim" };
    case "service_account":
      return { kind: "service_account" };
    case "anonymous":
      return { kind: "system" };
  }
}

/** The field-by-field difference between two wire objects; secrets must not be passed in. */
export function diffChanges(scope: string, before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const changes: Change[] = [];
  for (const field of Object.keys(after)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes.push({ type: scope, field, action: "changed", before: before[field] ?? null, after: after[field] ?? null });
    }
  }
  return changes;
}

/** Every field of a created or deleted object, as changes. */
export function wholeObjectChanges(scope: string, action: "created" | "deleted", value: Record<string, unknown>): Change[] {
  return Object.entries(value).map(([field, v]) => ({
    type: scope,
    field,
    action,
    before: action === "deleted" ? v : null,
    after: action === "created" ? v : null,
  }));
}

/** The actor of entries made by the system, the admin CLI or an identity provider: no user (`is_system`). */
export const SYSTEM_ACTOR: Principal = { kind: "cli", user: null };

/**
 * Writes the audit entry of a mutation; call it inside the mutation's transaction. Entries of callers without a user
 * (the CLI, SCIM, nobody) have no user and are marked system; SCIM and anonymous callers are named in `detail.actor`.
 * `detail.via` says how the actor came in and `detail.address` from which client address, when the call came over HTTP.
 * An organization's entry is queued, in the same transaction, for its webhooks subscribed to the entry's scope.
 */
export async function recordActivity(tx: Executor, principal: Principal, entry: Entry, now = new Date()) {
  const actor = principal.kind === "cli" ? null : principal.user;
  const label = actorLabel(principal);
  const [row] = await tx.insert(activityLog).values({
    organizationId: entry.organizationId,
    userId: actor?.id ?? null,
    isSystem: actor === null,
    scope: entry.scope,
    itemId: String(entry.itemId),
    activity: entry.activity,
    detail: {
      name: entry.name,
      changes: entry.changes ?? [],
      ...(label && { actor: label }),
      via: entry.via ?? viaOf(principal),
      ...(principal.address && { address: principal.address }),
    },
    createdAt: now,
  }).returning();
  await fanOutActivity(tx, row, actor);
}
