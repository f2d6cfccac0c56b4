import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organizations } from "../../../db/schema";
import { organizationNotFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import { createServiceAccountInput } from "../../schemas/service-accounts";
import { parseInput } from "../../schemas/parse";
import { SYSTEM_ACTOR } from "../activity";
import { insertServiceAccount } from "./manage";

/**
 * Creates a service account as the instance's operator (the admin CLI): any directory permissions, recorded in the
 * organization's activity log as the system. Prints what a client needs; the secret is shown this once.
 */
export async function createServiceAccountForOperator(db: Db, organizationId: string, raw: { name: unknown; permissions: unknown }, now = new Date()) {
  const [org] = isUuid(organizationId) ? await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, organizationId.toLowerCase()), isNull(organizations.deletedAt))) : [];
  if (!org) throw organizationNotFound();
  const input = parseInput(createServiceAccountInput, raw);
  const account = await db.transaction((tx) =>
    insertServiceAccount(tx, SYSTEM_ACTOR, { organizationId: org.id, name: input.name, permissions: input.permissions, createdById: null }, now),
  );
  return { id: account.id, client_id: account.client_id, client_secret: account.client_secret, permissions: account.permissions };
}
