import { env } from "../../env";
import { outboundFetch } from "../../outbound/outbound-fetch";
import type { ClaimedDelivery, RecordedAttempt } from "./delivery-queue";
import { webhookHeaders, webhookMessageId } from "./signing";

/** Retries stop once the next one would come later than this after the round's first attempt. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** No wait between two attempts is longer than this, so a receiver that comes back is served within hours. */
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;
/** The most of a receiver's answer kept per attempt. */
const EXCERPT_BYTES = 1024;
/** Ends the error of the attempt after which a delivery is failed: the next round (a redelivery) starts after it. */
export const FINAL_ATTEMPT_NOTE = " No more retries: a day has passed since the first attempt.";
/** The longest one attempt may take, DNS and the receiver's answer included. */
export const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * The wait after `failed` failed attempts: the base (ORGDECK_WEBHOOK_RETRY_BASE_SECONDS) times 4 for each earlier
 * failure, at most 6 hours, spread by ±20% so that retries to one receiver do not arrive all at once.
 */
export function retryDelayMs(failed: number, random: () => number = Math.random): number {
  const base = env().ORGDECK_WEBHOOK_RETRY_BASE_SECONDS * 1000;
  const delay = Math.min(base * 4 ** Math.max(0, failed - 1), MAX_DELAY_MS);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/** When to try again after `failed` failed attempts, or null when that would fall outside the day of retries. */
export function nextAttemptAt(failed: number, attemptedAt: Date, since: Date, random?: () => number): Date | null {
  const next = new Date(attemptedAt.getTime() + retryDelayMs(failed, random));
  return next.getTime() - since.getTime() > RETRY_WINDOW_MS ? null : next;
}

/** What one attempt got: the receiver's status and the start of its answer, or why there was none. */
export type AttemptResult = { claim: ClaimedDelivery; at: Date; durationMs: number; statusCode: number | null; excerpt: string | null; error: string | null };

/**
 * POSTs a claimed delivery once, signed in the Standard Webhooks format with its stable `webhook-id` and this attempt's
 * time, over a pooled connection to the receiver's checked addresses; any answer but a 2xx is an error.
 */
export async function attemptDelivery(claim: ClaimedDelivery, secret: string | Error, now: Date): Promise<AttemptResult> {
  const started = performance.now();
  const done = (r: Pick<AttemptResult, "statusCode" | "excerpt" | "error">) => ({ claim, at: now, durationMs: Math.round(performance.now() - started), ...r });
  if (secret instanceof Error) return done({ statusCode: null, excerpt: null, error: `The signing secret could not be read: ${secret.message}` });
  const id = webhookMessageId(claim.id);
  const body = JSON.stringify(claim.payload);
  const headers = webhookHeaders(secret, id, Math.floor(now.getTime() / 1000), body);
  try {
    const res = await outboundFetch(claim.url, { method: "POST", headers, body, timeoutMs: ATTEMPT_TIMEOUT_MS, keepAlive: true });
    const excerpt = res.body.subarray(0, EXCERPT_BYTES).toString("utf8");
    return done({ statusCode: res.status, excerpt, error: res.ok ? null : `The receiver answered ${res.status}.` });
  } catch (err) {
    return done({ statusCode: null, excerpt: null, error: (err as Error).message.slice(0, 1000) });
  }
}

/**
 * What an attempt makes of its delivery: delivered on a 2xx; else pending until the next try with backoff, or failed
 * once that would fall more than a day after `since` (the round's first attempt).
 */
export function settleAttempt(result: AttemptResult, since: Date): RecordedAttempt {
  const { claim } = result;
  const retryAt = result.error === null ? null : nextAttemptAt(claim.attempts, result.at, since);
  return {
    id: claim.id,
    attempts: claim.attempts,
    lease: claim.lease,
    status: result.error === null ? "delivered" : retryAt ? "pending" : "failed",
    nextAt: retryAt?.toISOString() ?? null,
    at: result.at.toISOString(),
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    excerpt: result.excerpt,
    error: result.error === null || retryAt ? result.error : result.error + FINAL_ATTEMPT_NOTE,
  };
}
