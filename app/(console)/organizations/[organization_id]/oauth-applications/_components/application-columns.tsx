"use client";

import type { OAuthApplication } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Time } from "@/components/ui/time";

/** An application's name with its verification, its client ID to copy, where it may redirect, and when it was made. */
export const applicationColumns: Column<OAuthApplication>[] = [
  {
    id: "name",
    header: "Application",
    cell: (a) => (
      <>
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{a.name}</span>
          {a.is_verified && <Badge tone="ok">Verified</Badge>}
        </span>
        {/* Narrow screens drop the client ID column: the ID stays readable under the name. */}
        <code className="mt-1 block font-mono text-xs break-all text-muted sm:hidden">{a.client_id}</code>
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
    id: "redirect-uris",
    header: "Redirect URIs",
    from: "md",
    cell: (a) => (
      <ul className="space-y-0.5">
        {a.redirect_uris_list.map((uri) => (
          <li key={uri} className="font-mono text-xs break-all">
            {uri}
          </li>
        ))}
      </ul>
    ),
  },
  { id: "created", header: "Created", from: "sm", nowrap: true, cell: (a) => <Time iso={a.created} /> },
];
