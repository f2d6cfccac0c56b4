/** Retry delays after each failed attempt (5 s, 30 s, 2 min, 10 min, 1 h), then hourly. */
const BACKOFF_SECONDS = [5, 30, 120, 600, 3600];

/** The wait before the next attempt after `attempts` failed ones; jobs and outbox messages share this one curve. */
export function nextDelaySeconds(attempts: number) {
  return BACKOFF_SECONDS[Math.min(attempts - 1, BACKOFF_SECONDS.length - 1)] ?? 3600;
}
