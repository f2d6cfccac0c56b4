"use client";

import { actionWords, actorWords, changeWords, viaWords } from "@/lib/format/activity-words";
import type { ActivityEntry } from "@/lib/query/types";
import { Time } from "@/components/ui/time";

/** One line of the log: who did what, when, how they came in and from where, and each changed field in words. */
export function ActivityEntryRow({ entry }: { entry: ActivityEntry }) {
  const changes = entry.detail.changes ?? [];
  const via = viaWords(entry.detail.via);
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <p>
          <span className="font-medium">{actorWords(entry)}</span> {actionWords(entry)}
        </p>
        <span className="text-xs text-muted">
          <Time iso={entry.created_at} />
        </span>
      </div>
      {(via || entry.detail.address) && (
        <p className="mt-0.5 text-xs text-muted">
          {via && <>Through: {via}</>}
          {via && entry.detail.address && " · "}
          {entry.detail.address && <>From {entry.detail.address}</>}
        </p>
      )}
      {changes.length > 0 && (
        <details className="mt-1.5">
          <summary className="cursor-pointer text-xs text-muted hover:text-fg">
            {changes.length} {changes.length === 1 ? "field" : "fields"}
          </summary>
          <ul aria-label="Changes" className="mt-1.5 space-y-0.5 break-words">
            {changes.map((change) => (
              <li key={change.field}>{changeWords(change)}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
