"use client";

import { useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { ScimRequestLog } from "@/lib/schemas/domains";
import { DataTable, type Column } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { timeBounds } from "../../activity/_components/activity-filters";
import type { IdpTarget } from "./idp-target";
import { ScimLogDialog } from "./scim-log-dialog";
import { NO_LOG_FILTERS, ScimLogFilters, STATUS_BOUNDS, type ScimLogFilterValues } from "./scim-log-filters";
import { GIVE_IDP_THE_TOKEN, providerWords, statusTone } from "./scim-words";

const logsPath = (target: IdpTarget) =>
  `/api/organizations/${target.organizationId}/${target.kind === "domain" ? "domains" : "identity_provider_configs"}/${target.id}/scim/logs/`;

/** A path as seen from the SCIM base URL shown above ("/Users/…"); the details show it whole. */
const relativePath = (path: string, targetId: string) => path.replace(new RegExp(`^/scim/v2/${targetId}(?=/|$)`, "i"), "") || "/";

/** Every request the identity provider made to this target's SCIM, newest first, 20 a page; filters live in the URL. */
export function ScimLog({ target }: { target: IdpTarget }) {
  // "Last 24 hours" counts back from when the page opened or the range was picked, so the list's query stays the same while shown.
  const [now, setNow] = useState(() => Date.now());
  const [open, setOpen] = useState<ScimRequestLog | null>(null);
  const list = usePagedList<ScimRequestLog, ScimLogFilterValues>({
    queryKey: queryKeys.scimLogs(target.organizationId, target.id),
    path: logsPath(target),
    numbered: true,
    defaults: NO_LOG_FILTERS,
    searchParam: "search",
    toQuery: (f) => ({ search: f.search, ...(STATUS_BOUNDS[f.status] ?? {}), ...timeBounds(f, now) }),
    urlPrefix: "log_",
  });
  const status = list.status({
    none: { title: "No SCIM requests yet", body: `${GIVE_IDP_THE_TOKEN} Each request it makes appears here, with the answer it got.` },
    noMatch: { title: "No request matches these filters", body: "Widen the time range or clear a filter.", action: <Button onClick={list.clearFilters}>Clear the filters</Button> },
  });
  const columns: Column<ScimRequestLog>[] = [
    { id: "time", header: "Time", nowrap: true, cell: (r) => <Time iso={r.created_at} /> },
    { id: "method", header: "Method", nowrap: true, from: "sm", cell: (r) => <span className="font-mono text-xs">{r.request_method}</span> },
    {
      id: "path",
      header: "Path",
      cell: (r) => (
        <span title={r.request_path} className="font-mono text-xs break-all">
          <span className="sm:hidden">{r.request_method} </span>
          {relativePath(r.request_path, target.id)}
        </span>
      ),
    },
    { id: "status", header: "Status", nowrap: true, cell: (r) => <Badge tone={statusTone(r.response_status)}>{r.response_status}</Badge> },
    { id: "provider", header: "Identity provider", from: "md", cell: (r) => providerWords(r.identity_provider) },
  ];
  return (
    <Panel title="SCIM request log" description="What your identity provider asked and how it was answered, newest first. The token and personal data are masked.">
      <ScimLogFilters
        values={list.filters}
        search={list.search}
        fetching={list.query.isFetching}
        onChange={(change) => {
          if (change.range) setNow(Date.now());
          list.setFilters(change);
        }}
      />
      <DataTable
        caption="SCIM requests"
        noun="SCIM requests"
        columns={columns}
        rows={list.rows}
        rowKey={(r) => r.id}
        status={status}
        busy={list.query.isFetching}
        actions={(r) => (
          <Button size="sm" onClick={() => setOpen(r)} aria-label={`Details of ${r.request_method} ${r.request_path} at ${r.created_at}`}>
            Details
          </Button>
        )}
      />
      <Pager label="SCIM request log pages" pager={list.pager} />
      <ScimLogDialog entry={open} onClose={() => setOpen(null)} />
    </Panel>
  );
}
