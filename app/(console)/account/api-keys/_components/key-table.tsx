"use client";

import type { OrganizationSummary, PersonalApiKey } from "@/lib/query/types";
import { DataTable, type Column, type ListStatus } from "@/components/data/data-table";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { describeScopes } from "./scopes";

type Props = {
  keys: PersonalApiKey[];
  status: ListStatus;
  organizations: OrganizationSummary[];
  onRoll: (key: PersonalApiKey) => void;
  onDelete: (key: PersonalApiKey) => void;
};

function organizationNames(ids: string[], organizations: OrganizationSummary[]) {
  if (ids.length === 0) return "All organizations";
  return ids.map((id) => organizations.find((o) => o.id === id)?.name ?? "An organization you left").join(", ");
}

const columns = (organizations: OrganizationSummary[]): Column<PersonalApiKey>[] => [
  {
    id: "key",
    header: "Key",
    cell: (key) => (
      <>
        <span className="block font-medium">{key.label}</span>
        <code className="text-xs text-muted">{key.mask_value}</code>
      </>
    ),
  },
  { id: "scopes", header: "Scopes", cell: (key) => describeScopes(key.scopes) },
  { id: "organizations", header: "Organizations", from: "md", cell: (key) => organizationNames(key.scoped_organizations, organizations) },
  { id: "last-used", header: "Last used", nowrap: true, cell: (key) => <Time iso={key.last_used_at} /> },
  { id: "created", header: "Created", from: "sm", nowrap: true, cell: (key) => <Time iso={key.created_at} /> },
];

/** The person's keys: what each can do, where, and when it was last used. */
export function KeyTable({ keys, status, organizations, onRoll, onDelete }: Props) {
  return (
    <DataTable
      caption="Your personal API keys"
      noun="keys"
      columns={columns(organizations)}
      rows={keys}
      rowKey={(key) => key.id}
      status={status}
      actions={(key) => (
        <>
          <Button size="sm" onClick={() => onRoll(key)}>
            Roll<span className="sr-only"> {key.label}</span>
          </Button>
          <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => onDelete(key)}>
            Delete<span className="sr-only"> {key.label}</span>
          </Button>
        </>
      )}
    />
  );
}
