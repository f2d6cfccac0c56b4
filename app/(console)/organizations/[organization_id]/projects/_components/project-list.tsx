"use client";

import Link from "next/link";
import { queryKeys } from "@/lib/query/keys";
import type { ProjectSummary } from "@/lib/query/types";
import { DataTable, type Column } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/data/search-box";
import { usePagedList } from "@/components/data/use-paged-list";
import { Badge } from "@/components/ui/badge";

const columns = (organizationId: string): Column<ProjectSummary>[] => [
  {
    id: "name",
    header: "Name",
    cell: (p) => (
      <span className="flex flex-wrap items-center gap-2">
        <Link href={`/organizations/${organizationId}/projects/${p.id}`} className="font-medium text-accent-text hover:underline">
          {p.name}
        </Link>
        {p.is_demo && <Badge>Demo</Badge>}
      </span>
    ),
  },
  { id: "access", header: "Access", cell: (p) => (p.access_control ? <Badge tone="warn">Private</Badge> : <Badge tone="ok">Everyone</Badge>) },
  { id: "timezone", header: "Time zone", from: "sm", cell: (p) => p.timezone },
  { id: "id", header: "Project ID", from: "md", nowrap: true, cell: (p) => <code className="font-mono text-xs">{p.id}</code> },
];

/** The projects the viewer reaches, from the REST API a page at a time, searchable by name. */
export function ProjectList({ organizationId, canCreate }: { organizationId: string; canCreate: boolean }) {
  const list = usePagedList<ProjectSummary, { search: string }>({
    queryKey: queryKeys.projects(organizationId),
    path: `/api/organizations/${organizationId}/projects/`,
    defaults: { search: "" },
    searchParam: "search",
  });
  return (
    <div className="space-y-3">
      <SearchBox label="Search projects" hint="By name." search={list.search} fetching={list.query.isFetching} />
      <DataTable
        caption="Projects you can open"
        noun="projects"
        columns={columns(organizationId)}
        rows={list.rows}
        rowKey={(p) => String(p.id)}
        busy={list.query.isFetching}
        status={list.status({
          none: {
            title: "No projects yet",
            body: canCreate
              ? "Create a project to get its API tokens and settings."
              : "You see public projects and the private ones you were given access to. An admin can create projects or give you access.",
          },
          noMatch: { title: "No project matches", body: "Try another part of the name." },
        })}
      />
      <Pager label="Project pages" pager={list.pager} />
    </div>
  );
}
