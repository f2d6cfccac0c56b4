"use client";

import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import { ListState } from "@/components/data/list-state";
import { ExportButton } from "./export-button";
import { SubjectList } from "./subject-list";

/** The organization's sectors; once they are known, the subjects of the chosen one (the first by default). */
export function SectorsView({ organizationId }: { organizationId: string }) {
  const sectors = useQuery({
    queryKey: queryKeys.directorySectors(organizationId),
    queryFn: () => apiGet<string[]>(`/directory/admin/${organizationId}/sectors`),
  });
  if (sectors.isPending) return <ListState status={{ state: "loading" }} noun="sectors" />;
  if (sectors.isError) return <ListState status={{ state: "error", message: sectors.error.message }} noun="sectors" />;
  if (sectors.data.length === 0) {
    return (
      <ListState
        status={{ state: "empty", title: "No sectors yet", body: "Each OAuth application of the organization adds one: the host of its redirect URIs, or its sector identifier URI." }}
        noun="sectors"
      />
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-muted">
          {sectors.data.length} {sectors.data.length === 1 ? "sector" : "sectors"}
        </p>
        <ExportButton organizationId={organizationId} label="Export every sector (CSV)" />
      </div>
      <SubjectList organizationId={organizationId} sectors={sectors.data} />
    </div>
  );
}
