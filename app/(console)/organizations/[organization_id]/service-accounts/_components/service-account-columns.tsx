"use client";

import type { ServiceAccount } from "@/lib/schemas/service-accounts";
import type { Column } from "@/components/data/data-table";
import { DIRECTORY_PERMISSION_LABELS } from "@/components/directory/permission-words";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Time } from "@/components/ui/time";

/** An account's name, state and age, its client ID to copy, what it may do, and when it was last used. */
export const serviceAccountColumns: Column<ServiceAccount>[] = [
  {
    id: "name",
    header: "Service account",
    cell: (a) => (
      <>
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{a.name}</span>
          {a.is_active ? <Badge tone="ok">Active</Badge> : <Badge tone="warn">Disabled</Badge>}
        </span>
        {/* Narrow screens drop the client ID column: the ID stays readable under the name. */}
        <code className="mt-1 block font-mono text-xs break-all text-muted sm:hidden">{a.client_id}</code>
        <span className="mt-1 block text-xs text-muted">
          Created <Time iso={a.created_at} />
        </span>
      </>
    ),
  },
  {
    id: "client-id",
    header: "Client ID",
    from: "sm",
    cell: (a) => (
      <span className="flex items-center gap-2">
        <code className="min-w-[14ch] font-mono text-xs break-all">{a.client_id}</code>
        <CopyButton size="sm" value={a.client_id} what={`client ID of ${a.name}`} />
      </span>
    ),
  },
  {
    id: "permissions",
    header: "Permissions",
    from: "md",
    cell: (a) =>
      a.permissions.length === 0 ? (
        <span className="text-muted">None</span>
      ) : (
        <ul className="space-y-0.5">
          {a.permissions.map((p) => (
            <li key={p} title={p}>
              {DIRECTORY_PERMISSION_LABELS[p]}
            </li>
          ))}
        </ul>
      ),
  },
  { id: "last-used", header: "Last used", nowrap: true, cell: (a) => <Time iso={a.last_used_at} /> },
];
