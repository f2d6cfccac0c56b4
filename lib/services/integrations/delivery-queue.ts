/**
 * `webhook_deliveries` as the durable queue of webhook attempts, in hand-written statements (senders run them for every
 * batch, and building them with drizzle cost more than running them). A delivery is `pending` (due at
 * `next_attempt_at`), `sending` (claimed: `next_attempt_at` is then the claim's lease deadline, after which anyone may
 * claim it again), `delivered` or `failed`.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";

/** A claimed delivery with what sending it takes: its webhook's URL and sealed secret as they are now. */
export type ClaimedDelivery = {
  id: string;
  integrationId: string;
  /** Attempts so far, including the one claimed: with `lease`, it fences the claim. */
  attempts: number;
  /** The claim's deadline (ISO): the delivery's `next_attempt_at` while this claim holds it. */
  lease: string;
  payload: unknown;
  url: string;
  sealed: string;
};

/** An attempt's outcome to record: the delivery's next state and the attempt's log row. */
export type RecordedAttempt = {
  id: string;
  attempts: number;
  lease: string;
  status: "delivered" | "pending" | "failed";
  /** The next attempt when pending (ISO), else null. */
  nextAt: string | null;
  /** When the attempt was made (ISO). */
  at: string;
  statusCode: number | null;
  durationMs: number;
  excerpt: string | null;
  error: string | null;
};

async function rowsOf<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Claims up to `limit` due deliveries, oldest due first: pending ones whose time has come and sending ones whose lease
 * ran out; each counts an attempt and is leased until `lease`. SKIP LOCKED lets senders of several instances claim side
 * by side without ever sharing a delivery.
 */
export async function claimDeliveries(executor: Executor, now: Date, lease: Date, limit: number): Promise<ClaimedDelivery[]> {
  const leaseIso = lease.toISOString();
  const rows = await rowsOf<{ id: string; integration_id: string; attempts: number; payload: unknown; url: string | null; sealed: string | null }>(
    executor,
    sql`update webhook_deliveries d
      set status = 'sending', next_attempt_at = ${leaseIso}::timestamptz, attempts = d.attempts + 1
      from organization_integrations i
      where d.id in (
          select id from webhook_deliveries
          where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
          order by next_attempt_at limit ${limit}::integer
          for update skip locked)
        and i.id = d.integration_id
      returning d.id, d.integration_id, d.attempts, d.payload, i.config ->> 'url' as url, i.secret_ciphertext as sealed`,
  );
  return rows.map((r) => ({
    id: r.id,
    integrationId: r.integration_id,
    attempts: r.attempts,
    lease: leaseIso,
    payload: r.payload,
    url: r.url ?? "",
    sealed: r.sealed ?? "",
  }));
}

/**
 * Records outcomes and their attempt rows in one statement, each only while its claim holds (still sending, with the
 * claimed attempt count and lease): a sender that outlived its lease writes nothing over the claim that replaced it.
 * Returns how many were recorded.
 */
export async function recordAttempts(executor: Executor, attempts: RecordedAttempt[]): Promise<number> {
  if (!attempts.length) return 0;
  const rows = await rowsOf<{ n: number }>(
    executor,
    sql`with o as (
        select * from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb) as o(id uuid, attempts integer, lease timestamptz,
          status text, "nextAt" timestamptz, at timestamptz, "statusCode" integer, "durationMs" integer, excerpt text, error text)
      ), recorded as (
        update webhook_deliveries d
        set status = o.status, next_attempt_at = o."nextAt", last_status_code = o."statusCode", last_duration_ms = o."durationMs",
          last_response_excerpt = o.excerpt, last_error = o.error, delivered_at = case when o.status = 'delivered' then o.at end
        from o
        where d.id = o.id and d.status = 'sending' and d.attempts = o.attempts and d.next_attempt_at = o.lease
        returning o.*
      ), logged as (
        insert into webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms, response_excerpt, error, created_at)
        select id, attempts, "statusCode", "durationMs", excerpt, error, at from recorded
        returning 1
      )
      select count(*)::integer as n from logged`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Gives claimed deliveries back unsent (a sender stopping, or one whose lease ran short before it could send): due
 * again at `now` with the attempt uncounted, while the claim holds.
 */
export async function releaseDeliveries(executor: Executor, claims: ClaimedDelivery[], now: Date): Promise<void> {
  if (!claims.length) return;
  const held = claims.map((c) => ({ id: c.id, attempts: c.attempts, lease: c.lease }));
  await executor.execute(sql`update webhook_deliveries d
    set status = 'pending', next_attempt_at = ${now.toISOString()}::timestamptz, attempts = d.attempts - 1
    from jsonb_to_recordset(${JSON.stringify(held)}::jsonb) as o(id uuid, attempts integer, lease timestamptz)
    where d.id = o.id and d.status = 'sending' and d.attempts = o.attempts and d.next_attempt_at = o.lease`);
}

/**
 * When each delivery's current round of attempts began: its first logged attempt after the last one that ended a round
 * (a success, or the failure whose error ends with `finalNote`); absent when the round has no logged attempt yet. Only
 * failures ask, to tell whether the day of retries is spent.
 */
export async function roundStarts(executor: Executor, deliveryIds: string[], finalNote: string): Promise<Map<string, Date>> {
  if (!deliveryIds.length) return new Map();
  const rows = await rowsOf<{ delivery_id: string; started_ms: number }>(
    executor,
    sql`select a.delivery_id, (extract(epoch from min(a.created_at)) * 1000)::float8 as started_ms from webhook_delivery_attempts a
      where a.delivery_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(deliveryIds)}::jsonb))
        and a.attempt > coalesce((select max(b.attempt) from webhook_delivery_attempts b where b.delivery_id = a.delivery_id
          and (b.error is null or right(b.error, ${finalNote.length}::integer) = ${finalNote}::text)), 0)
      group by a.delivery_id`,
  );
  return new Map(rows.map((r) => [r.delivery_id, new Date(Number(r.started_ms))]));
}
