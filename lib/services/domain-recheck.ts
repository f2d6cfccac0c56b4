import { and, eq, gte, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizationDomains, organizationMemberships, organizations, users } from "../../db/schema";
import type { Adapters } from "../adapters";
import { ADMIN } from "../auth/permissions";
import { env } from "../env";
import { diffChanges, recordActivity, SYSTEM_ACTOR } from "./activity";
import { challengeName, DOMAIN_SCOPE, serializeDomain, type DomainRow } from "./domain-rows";
import { renderDomainUnverifiedEmail } from "./emails/domain-unverified";
import { enqueueEmail, notifyOutbox } from "./outbox";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A verified domain whose record has been missing this long loses its verification. */
export const MISSING_DAYS_ALLOWED = 7;
/** A domain checked more recently than this is left for the next run (the job runs daily; a restart may run it twice). */
const RECHECK_AFTER_MS = 20 * 60 * 60 * 1000;
/** Domains checked per run at most; the rest wait for the next run. */
const BATCH = 500;

export type RecheckOutcome = "present" | "missing" | "unknown" | "expired";

/** Days left before a domain whose record is missing loses its verification (for the console), or null when present. */
export function daysLeft(row: Pick<DomainRow, "dnsMissingSince">, now: Date) {
  if (!row.dnsMissingSince) return null;
  return Math.max(0, MISSING_DAYS_ALLOWED - Math.floor((now.getTime() - row.dnsMissingSince.getTime()) / DAY_MS));
}

/** Takes the verification away: JIT and enforcement stop with it, the log says why, and the admins are told by email. */
async function expire(db: Db, adapters: Adapters, row: DomainRow, now: Date) {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(organizationDomains).where(eq(organizationDomains.id, row.id)).for("update");
    if (!current?.verifiedAt) return;
    const [after] = await tx
      .update(organizationDomains)
      .set({ verifiedAt: null, jitProvisioningEnabled: false, ssoEnforcement: "", dnsCheckedAt: now })
      .where(eq(organizationDomains.id, row.id))
      .returning();
    const audited = (r: DomainRow) => ({ is_verified: serializeDomain(r).is_verified, jit_provisioning_enabled: r.jitProvisioningEnabled, sso_enforcement: r.ssoEnforcement });
    await recordActivity(
      tx,
      SYSTEM_ACTOR,
      {
        organizationId: row.organizationId,
        scope: DOMAIN_SCOPE,
        itemId: row.id,
        activity: "verification_expired",
        name: `${row.domain}: its TXT record ${challengeName(row.domain)} was missing for ${MISSING_DAYS_ALLOWED} days`,
        changes: diffChanges(DOMAIN_SCOPE, audited(current), audited(after)),
        via: { kind: "system" },
      },
      now,
    );
    const [organization] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.organizationId));
    const admins = await tx
      .select({ email: users.email })
      .from(organizationMemberships)
      .innerJoin(users, eq(users.id, organizationMemberships.userId))
      .where(and(eq(organizationMemberships.organizationId, row.organizationId), gte(organizationMemberships.level, ADMIN), isNull(organizationMemberships.suspendedAt)));
    const email = renderDomainUnverifiedEmail({
      organizationName: organization?.name ?? "your organization",
      domain: row.domain,
      record: challengeName(row.domain),
      challenge: row.verificationChallenge,
      missingDays: MISSING_DAYS_ALLOWED,
      domainsUrl: `${env().SITE_URL}/organizations/${row.organizationId}/domains`,
    });
    for (const admin of admins) {
      await enqueueEmail(tx, adapters, { organizationId: row.organizationId, kind: "domain_unverified", relatedId: row.id, to: admin.email, ...email }, now);
    }
  });
  notifyOutbox();
}

/** Checks one verified domain's record and moves its state on; a resolver that did not answer changes nothing. */
async function recheck(db: Db, adapters: Adapters, row: DomainRow, now: Date): Promise<RecheckOutcome> {
  const records = await adapters.dns.txt(challengeName(row.domain));
  if (records === null) return "unknown";
  const present = records.some((strings) => strings[0] === row.verificationChallenge);
  if (present) {
    await db.update(organizationDomains).set({ dnsCheckedAt: now, dnsMissingSince: null }).where(eq(organizationDomains.id, row.id));
    return "present";
  }
  const missingSince = row.dnsMissingSince ?? now;
  if (now.getTime() - missingSince.getTime() >= MISSING_DAYS_ALLOWED * DAY_MS) {
    await expire(db, adapters, row, now);
    return "expired";
  }
  await db.update(organizationDomains).set({ dnsCheckedAt: now, dnsMissingSince: missingSince }).where(eq(organizationDomains.id, row.id));
  return "missing";
}

/**
 * The daily re-check of every verified domain (none of the reference products has it): a domain whose record has been
 * missing for 7 consecutive days loses its verification. Returns how each checked domain fared.
 */
export async function recheckVerifiedDomains(db: Db, adapters: Adapters, now: Date): Promise<Record<RecheckOutcome, number>> {
  const due = await db
    .select()
    .from(organizationDomains)
    .where(and(isNotNull(organizationDomains.verifiedAt), or(isNull(organizationDomains.dnsCheckedAt), lt(organizationDomains.dnsCheckedAt, new Date(now.getTime() - RECHECK_AFTER_MS)))))
    .orderBy(organizationDomains.dnsCheckedAt)
    .limit(BATCH);
  const tally: Record<RecheckOutcome, number> = { present: 0, missing: 0, unknown: 0, expired: 0 };
  for (const row of due) tally[await recheck(db, adapters, row, now)]++;
  return tally;
}
