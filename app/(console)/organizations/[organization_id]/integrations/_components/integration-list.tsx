"use client";

import Link from "next/link";
import { queryKeys } from "@/lib/query/keys";
import type { Integration } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { displayName } from "@/components/shell/display-name";
import { Time } from "@/components/ui/time";
import { integrationName, kindLabel, scopesOf, scopesSummary, urlOf } from "./webhook-words";

const columns = (organizationId: string): Column<Integration>[] => [
  {
    id: "url",
    header: "Integration",
    cell: (i) => (
      <Link href={`/organizations/${organizationId}/integrations/${i.id}`} className="font-medium break-all text-accent-text hover:underline">
        {urlOf(i) ?? integrationName(i)}
      </Link>
    ),
  },
  { id: "kind", header: "Kind", cell: (i) => kindLabel(i.kind) },
  { id: "events", header: "Events", from: "sm", cell: (i) => (i.kind === "webhook" ? scopesSummary(scopesOf(i)) : "—") },
  { id: "created_by", header: "Created by", from: "md", cell: (i) => (i.created_by ? displayName(i.created_by) : <span className="text-muted">Unknown</span>) },
  { id: "created", header: "Created", nowrap: true, cell: (i) => <Time iso={i.created_at} /> },
];

/** The organization's integrations from the REST API, newest first, a page at a time. */
export function IntegrationList({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const list = usePagedList<Integration, Record<string, string>>({
    queryKey: queryKeys.integrations(organizationId),
    path: `/api/organizations/${organizationId}/integrations/`,
    defaults: {},
  });
  return (
    <>
      <DataTable
        caption="Integrations of this organization"
        noun="integrations"
        columns={columns(organizationId)}
        rows={list.rows}
        rowKey={(i) => i.id}
        busy={list.query.isFetching}
        status={list.status({
          none: {
            title: "No integrations yet",
            body: canEdit
              ? "A webhook tells another app about changes here as they happen: new members, invitations, domains and more, each as a signed HTTP request. Add one to connect your own service."
              : "A webhook tells another app about changes here as they happen. An admin can add one here.",
          },
        })}
      />
      <Pager label="Integration pages" pager={list.pager} />
    </>
  );
}
