"use client";

import { queryKeys } from "@/lib/query/keys";
import type { PairwiseSubject } from "@/lib/schemas/directory-sectors";
import { DataTable, type Column } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { SelectField } from "@/components/form/field";
import { CopyButton } from "@/components/ui/copy-button";
import { ExportButton } from "./export-button";

const columns: Column<PairwiseSubject>[] = [
  { id: "member", header: "Member", cell: (s) => <span className="break-all">{s.email}</span> },
  {
    id: "subject",
    header: "Subject the applications see",
    cell: (s) => (
      <span className="flex items-center gap-2">
        <code className="min-w-[14ch] font-mono text-xs break-all">{s.subject}</code>
        <CopyButton size="sm" value={s.subject} what={`subject of ${s.email}`} />
      </span>
    ),
  },
  { id: "user-id", header: "User ID", from: "lg", cell: (s) => <code className="font-mono text-xs break-all text-muted">{s.user_id}</code> },
];

/** The pairwise subject each member gets in one sector, a page at a time; the sector lives in the URL. */
export function SubjectList({ organizationId, sectors }: { organizationId: string; sectors: string[] }) {
  const list = usePagedList<PairwiseSubject, { sector: string }>({
    queryKey: queryKeys.pairwiseSubjects(organizationId),
    path: `/api/organizations/${organizationId}/pairwise_subjects/`,
    defaults: { sector: sectors[0] },
  });
  const sector = sectors.includes(list.filters.sector) ? list.filters.sector : sectors[0];
  return (
    <section aria-labelledby="subjects-title" className="space-y-3">
      <h2 id="subjects-title" className="sr-only">
        Pairwise subjects of {sector}
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SelectField
          className="min-w-64"
          label="Sector"
          name="sector"
          value={sector}
          onChange={(e) => list.setFilters({ sector: e.target.value })}
          options={sectors.map((s) => ({ value: s, label: s }))}
        />
        <ExportButton organizationId={organizationId} sector={sector} label="Export this sector (CSV)" />
      </div>
      <DataTable
        caption={`Pairwise subjects of the members in ${sector}`}
        noun="pairwise subjects"
        columns={columns}
        rows={list.rows}
        rowKey={(s) => s.user_id}
        busy={list.query.isFetching}
        status={list.status({ none: { title: "No members", body: "The organization has no members to show." } })}
      />
      <Pager label="Pairwise subject pages" pager={list.pager} />
    </section>
  );
}
