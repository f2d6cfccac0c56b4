/**
 * The console's one way of writing a moment: relative while it is recent ("5 minutes ago", "in 3 days"), the date
 * once it is further away ("Mar 4, 2026"), and the exact time with its zone for a hover title or an export.
 */

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", Infinity],
];
/** Beyond this distance from now a moment is written as its date. */
const RECENT_DAYS = 7;

const exact = (timeZone?: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "long", ...(timeZone && { timeZone }) });

/** "5 minutes ago", "yesterday", "in 2 days"; the date from a week away on. */
export function formatMoment(iso: string, now = Date.now()) {
  const date = new Date(iso);
  let value = (date.getTime() - now) / 1000;
  if (Math.abs(value) >= RECENT_DAYS * 86_400) return DATE.format(date);
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return DATE.format(date);
}

/** "Mar 4, 2026, 2:05:09 PM UTC": the exact moment with its time zone (the viewer's, unless one is given). */
export const formatExact = (iso: string, timeZone?: string) => exact(timeZone).format(new Date(iso));

/** "Mar 4, 2026": the day alone, for sentences ("already invited on Mar 4, 2026"). */
export const formatDay = (iso: string) => DATE.format(new Date(iso));
