"use client";

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const ABSOLUTE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

/** "5 minutes ago", from an ISO date. */
export function relativeTime(iso: string, now = Date.now()) {
  let value = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return ABSOLUTE.format(new Date(iso));
}

/** A date as people say it ("3 hours ago"), with the exact time on hover and for machines. Client-rendered only. */
export function Time({ iso, fallback = "Never" }: { iso: string | null; fallback?: string }) {
  if (!iso) return <span className="text-muted">{fallback}</span>;
  return (
    <time dateTime={iso} title={ABSOLUTE.format(new Date(iso))}>
      {relativeTime(iso)}
    </time>
  );
}
