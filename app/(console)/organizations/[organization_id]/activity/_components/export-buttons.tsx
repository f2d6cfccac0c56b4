"use client";

import { buttonClass } from "@/components/ui/button";

type Query = Record<string, string | undefined>;

/** The export's address: the list's filters, and the file format. */
function exportHref(organizationId: string, query: Query, format: "csv" | "jsonl") {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return `/api/organizations/${organizationId}/activity_log/export/?${params}`;
}

/** Downloads every entry the filters select (not only this page), as a spreadsheet or as JSON Lines. */
export function ExportButtons({ organizationId, query, disabled }: { organizationId: string; query: Query; disabled: boolean }) {
  if (disabled) return null;
  return (
    <div className="mb-3 flex flex-wrap items-center justify-end gap-2">
      <p className="mr-auto text-xs text-muted">Exports hold every entry these filters select, not only this page.</p>
      <a href={exportHref(organizationId, query, "csv")} download className={buttonClass("secondary", "sm")}>
        Export CSV
      </a>
      <a href={exportHref(organizationId, query, "jsonl")} download className={buttonClass("secondary", "sm")}>
        Export JSON Lines
      </a>
    </div>
  );
}
