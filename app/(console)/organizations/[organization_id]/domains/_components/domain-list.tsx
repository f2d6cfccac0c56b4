"use client";

import { queryKeys } from "@/lib/query/keys";
import type { Domain } from "@/lib/query/types";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { domainColumns } from "./domain-columns";

/** The organization's domains from the REST API, a page at a time, by name. */
export function DomainList({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const list = usePagedList<Domain, Record<string, string>>({
    queryKey: queryKeys.domains(organizationId),
    path: `/api/organizations/${organizationId}/domains/`,
    defaults: {},
    urlPrefix: "domains_",
  });
  return (
    <>
      <DataTable
        caption="Domains of this organization"
        noun="domains"
        columns={domainColumns(organizationId)}
        rows={list.rows}
        rowKey={(d) => d.id}
        busy={list.query.isFetching}
        status={list.status({
          none: {
            title: "No domains yet",
            body: canEdit
              ? "Add your company's email domain to verify it, sign people in through your identity provider and provision them with SCIM."
              : "An admin can add the organization's email domains here.",
          },
        })}
      />
      <Pager label="Domain pages" pager={list.pager} />
    </>
  );
}
