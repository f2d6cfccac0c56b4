import type { Executor } from "../../db/client";
import { activityLog } from "../../db/schema";
import { actorLabel, type Principal } from "../auth/principal";

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
};

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
 */
export async function recordActivity(tx: Executor, principal: Principal, entry: Entry, now = new Date()) {
  const actor = principal.kind === "cli" ? null : principal.user;
  const label = actorLabel(principal);
  await tx.insert(activityLog).values({
    organizationId: entry.organizationId,
    userId: actor?.id ?? null,
    isSystem: actor === null,
    scope: entry.scope,
    itemId: String(entry.itemId),
    activity: entry.activity,
    detail: { name: entry.name, changes: entry.changes ?? [], ...(label && { actor: label }) },
    createdAt: now,
  });
}
