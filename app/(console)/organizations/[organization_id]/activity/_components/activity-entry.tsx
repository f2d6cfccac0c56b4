"use client";

import type { ActivityChange, ActivityEntry } from "@/lib/query/types";
import { Time } from "@/components/ui/time";
import { displayName } from "@/components/shell/display-name";
import { scopeLabel } from "./activity-filters";

function show(value: unknown) {
  if (value === null || value === undefined || value === "") return <span className="text-muted">empty</span>;
  return <code className="text-xs break-all">{typeof value === "string" ? value : JSON.stringify(value)}</code>;
}

function Changes({ changes }: { changes: ActivityChange[] }) {
  return (
    <details className="mt-1.5">
      <summary className="cursor-pointer text-xs text-muted hover:text-fg">
        {changes.length} {changes.length === 1 ? "field" : "fields"}
      </summary>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className="py-1 pr-4 font-medium">Field</th>
            <th scope="col" className="py-1 pr-4 font-medium">Before</th>
            <th scope="col" className="py-1 font-medium">After</th>
          </tr>
        </thead>
        <tbody className="align-top">
          {changes.map((c) => (
            <tr key={c.field} className="border-t border-line">
              <th scope="row" className="py-1 pr-4 font-mono text-xs font-normal">{c.field}</th>
              <td className="py-1 pr-4">{show(c.before)}</td>
              <td className="py-1">{show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** One line of the log: who did what to which object, when, and the fields before and after. */
export function ActivityEntryRow({ entry }: { entry: ActivityEntry }) {
  const actor = entry.user ? displayName(entry.user) : "System";
  const changes = entry.detail.changes ?? [];
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <p>
          <span className="font-medium">{actor}</span> <span className="text-muted">{entry.activity.replaceAll("_", " ")}</span>{" "}
          {scopeLabel(entry.scope).toLowerCase()} <span className="font-medium">{entry.detail.name}</span>
        </p>
        <span className="text-xs text-muted">
          <Time iso={entry.created_at} />
        </span>
      </div>
      {changes.length > 0 && <Changes changes={changes} />}
    </li>
  );
}
