"use client";

import { queryKeys } from "@/lib/query/keys";
import type { ScimPerson } from "@/lib/schemas/scim-admin";
import { SCIM_PEOPLE_PAGE_SIZE } from "@/lib/schemas/scim-admin";
import { DataTable, type Column } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/data/search-box";
import { usePagedList } from "@/components/data/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { listScimPeopleAction } from "../actions";
import type { IdpTarget } from "./idp-target";
import { GIVE_IDP_THE_TOKEN, membershipWords } from "./scim-words";

const COLUMNS: Column<ScimPerson>[] = [
  {
    id: "person",
    header: "Person",
    cell: (p) => (
      <>
        <span className="block font-medium break-all">{p.user_name}</span>
        {p.display_name && <span className="block text-xs text-muted">{p.display_name}</span>}
      </>
    ),
  },
  {
    id: "membership",
    header: "In the organization",
    cell: (p) => (
      <>
        <span className={p.membership ? "" : "text-muted"}>{membershipWords(p.membership)}</span>
        {!p.active && (
          <span className="ml-1.5">
            <Badge tone="warn">Deactivated</Badge>
          </span>
        )}
      </>
    ),
  },
  { id: "ids", header: "SCIM id · user", from: "lg", cell: (p) => <span className="font-mono text-xs break-all">{`${p.id} · ${p.user_uuid}`}</span> },
  { id: "created", header: "Provisioned", nowrap: true, from: "sm", cell: (p) => <Time iso={p.created_at} /> },
  { id: "updated", header: "Last changed", nowrap: true, from: "md", cell: (p) => <Time iso={p.updated_at} /> },
];

/** The people the identity provider provisioned through this target's SCIM, 20 a page; search and page live in the URL. */
export function ScimPeople({ target }: { target: IdpTarget }) {
  const list = usePagedList<ScimPerson, { search: string }>({
    queryKey: queryKeys.scimPeople(target.organizationId, target.id),
    load: async (query) => {
      const result = await listScimPeopleAction(target.organizationId, { kind: target.kind, id: target.id, page: Number(query.page), search: query.search as string | undefined });
      if (!result.ok) throw new Error(result.error.detail);
      return { count: result.data.count, next: null, previous: null, results: result.data.results };
    },
    numbered: true,
    pageSize: SCIM_PEOPLE_PAGE_SIZE,
    defaults: { search: "" },
    searchParam: "search",
    urlPrefix: "people_",
  });
  const status = list.status({
    none: { title: "No one provisioned yet", body: `${GIVE_IDP_THE_TOKEN} The people it assigns to this organization appear here.` },
    noMatch: { title: "No one matches this search", body: "Search by address or name.", action: <Button onClick={list.clearFilters}>Clear the search</Button> },
  });
  return (
    <Panel title="Provisioned people" description="Who your identity provider created here through SCIM, and where each stands in the organization now.">
      <SearchBox label="Search provisioned people" hint="By address or name." search={list.search} fetching={list.query.isFetching} />
      <DataTable caption="Provisioned people" noun="provisioned people" columns={COLUMNS} rows={list.rows} rowKey={(p) => p.id} status={status} busy={list.query.isFetching} />
      <Pager label="Provisioned people pages" pager={list.pager} />
    </Panel>
  );
}
