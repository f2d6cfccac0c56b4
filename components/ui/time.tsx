"use client";

import { formatExact, formatMoment } from "@/lib/format/time";

/**
 * A moment as people say it ("3 hours ago", or the date once it is a week away), with the exact time and its zone on
 * hover and for machines. Client-rendered only: the words depend on the viewer's clock and zone.
 */
export function Time({ iso, fallback = "Never" }: { iso: string | null; fallback?: string }) {
  if (!iso) return <span className="text-muted">{fallback}</span>;
  return (
    <time dateTime={iso} title={formatExact(iso)} suppressHydrationWarning>
      {formatMoment(iso)}
    </time>
  );
}
