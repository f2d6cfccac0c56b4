"use client";

import Link from "next/link";
import { queryKeys } from "@/lib/query/keys";
import type { IdentityProviderConfig } from "@/lib/query/types";
import { DataTable, type Column } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Time } from "@/components/ui/time";

const columns = (organizationId: string): Column<IdentityProviderConfig>[] => [
  {
    id: "name",
    header: "Name",
    cell: (c) => (
      <Link href={`/organizations/${organizationId}/identity-providers/${c.id}`} className="font-medium text-accent-text hover:underline">
        {c.name || "Unnamed identity provider"}
      </Link>
    ),
  },
  { id: "saml", header: "SAML", cell: (c) => (c.has_saml ? "Configured" : "Not configured") },
  { id: "scim", header: "SCIM", from: "sm", cell: (c) => (c.scim_enabled ? "On" : "Off") },
  { id: "created", header: "Created", from: "md", nowrap: true, cell: (c) => <Time iso={c.created_at} /> },
];

/** The organization's identity-provider configs, oldest first; each opens its page. */
export function ConfigList({ organizationId }: { organizationId: string }) {
  const list = usePagedList<IdentityProviderConfig, Record<string, string>>({
    queryKey: queryKeys.identityProviderConfigs(organizationId),
    path: `/api/organizations/${organizationId}/identity_provider_configs/`,
    defaults: {},
    urlPrefix: "configs_",
  });
  return (
    <>
      <DataTable
        caption="Identity providers of this organization"
        noun="identity providers"
        columns={columns(organizationId)}
        rows={list.rows}
        rowKey={(c) => c.id}
        busy={list.query.isFetching}
        status={list.status({
          none: { title: "No shared identity providers", body: "One identity provider's SAML and SCIM settings, kept once and linked to several domains." },
        })}
      />
      <Pager label="Identity provider pages" pager={list.pager} />
    </>
  );
}
