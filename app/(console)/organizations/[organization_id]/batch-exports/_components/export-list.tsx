"use client";

import Link from "next/link";
import { queryKeys } from "@/lib/query/keys";
import type { BatchExport } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { destinationWords, INTERVAL_LABELS, MODEL_LABELS } from "./export-words";
import { LatestRuns } from "./latest-runs";

const columns = (organizationId: string): Column<BatchExport>[] => [
  {
    id: "name",
    header: "Name",
    cell: (e) => (
      <Link href={`/organizations/${organizationId}/batch-exports/${e.id}`} className="font-medium break-all text-accent-text hover:underline">
        {e.name}
      </Link>
    ),
  },
  { id: "model", header: "Data", cell: (e) => MODEL_LABELS[e.model] },
  { id: "destination", header: "Destination", from: "sm", cell: (e) => <span className="break-all">{destinationWords(e)}</span> },
  { id: "interval", header: "Interval", from: "md", nowrap: true, cell: (e) => INTERVAL_LABELS[e.interval] },
  { id: "state", header: "State", cell: (e) => (e.paused ? <Badge tone="warn">Paused</Badge> : <Badge tone="ok">Active</Badge>) },
  { id: "runs", header: "Latest runs", from: "sm", nowrap: true, cell: (e) => <LatestRuns organizationId={organizationId} exportId={e.id} /> },
  { id: "created", header: "Created", from: "lg", nowrap: true, cell: (e) => <Time iso={e.created_at} /> },
];

/** The organization's batch exports from the REST API, newest first, a page at a time, each with its latest runs. */
export function ExportList({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const list = usePagedList<BatchExport, Record<string, string>>({
    queryKey: queryKeys.batchExports(organizationId),
    path: `/api/organizations/${organizationId}/batch_exports/`,
    defaults: {},
  });
  return (
    <>
      <DataTable
        caption="Batch exports of this organization"
        noun="batch exports"
        columns={columns(organizationId)}
        rows={list.rows}
        rowKey={(e) => e.id}
        busy={list.query.isFetching}
        status={list.status({
          none: {
            title: "No batch exports yet",
            body: canEdit
              ? "A batch export copies the activity log, the members or their sign-in sessions to your own storage on a schedule: an S3 bucket, a PostgreSQL table or an HTTP endpoint."
              : "A batch export copies the organization's data to other storage on a schedule. An admin can set one up here.",
          },
        })}
      />
      <Pager label="Batch export pages" pager={list.pager} />
    </>
  );
}
