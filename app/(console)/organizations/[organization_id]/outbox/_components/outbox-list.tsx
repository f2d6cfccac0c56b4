"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys, type OutboxFilters } from "@/lib/query/keys";
import type { ListPage, OutboxEmail } from "@/lib/query/types";
import { SelectField } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { EmailViewer } from "./email-viewer";
import { OutboxTable } from "./outbox-table";
import { HELD_EXPLANATION, STATUS_OPTIONS } from "./status";

const PAGE_SIZE = 20;
/** While a message is on its way (sending, or due within a minute), the list follows it. */
const IN_FLIGHT_REFRESH_MS = 2000;
const inFlight = (emails: OutboxEmail[]) =>
  emails.some((e) => e.status === "sending" || (e.status === "pending" && new Date(e.next_attempt_at ?? 0).getTime() - Date.now() < 60_000));

/** The organization's outbox from the REST API, a page at a time, filtered by status; each email opens in a viewer. */
export function OutboxList({ organizationId }: { organizationId: string }) {
  const [filters, setFilters] = useState<OutboxFilters>({ status: "", offset: 0 });
  const [openId, setOpenId] = useState<string | null>(null);
  const outbox = useQuery({
    queryKey: queryKeys.outbox(organizationId, filters),
    queryFn: () => apiGet<ListPage<OutboxEmail>>(`/api/organizations/${organizationId}/outbox/`, { ...filters, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (inFlight(query.state.data?.results ?? []) ? IN_FLIGHT_REFRESH_MS : false),
  });
  const emails = outbox.data?.results ?? [];
  const open = emails.find((e) => e.id === openId) ?? null;

  return (
    <>
      <div role="search" aria-label="Filter the outbox" className="mb-4 max-w-xs">
        <SelectField
          label="Status"
          name="status"
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value, offset: 0 })}
          options={[{ value: "", label: "Any status" }, ...STATUS_OPTIONS]}
        />
      </div>
      {emails.some((e) => e.status === "held") && (
        <p role="note" className="mb-4 rounded-md bg-warn-bg px-3 py-2 text-warn-text">
          <strong className="font-semibold">Held</strong> emails were never delivered. {HELD_EXPLANATION}
        </p>
      )}
      {outbox.isPending ? (
        <div role="status" aria-label="Loading the outbox" className="space-y-2">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-11" />
          ))}
        </div>
      ) : outbox.isError ? (
        <EmptyState title="The outbox could not be loaded">{outbox.error.message} Reload the page to try again.</EmptyState>
      ) : emails.length === 0 ? (
        <EmptyState title={filters.status ? "No emails with this status" : "No emails yet"}>
          {filters.status ? "Choose another status, or any status." : "Invitations sent from the Invites page appear here, with their delivery status."}
        </EmptyState>
      ) : (
        <>
          <OutboxTable emails={emails} busy={outbox.isFetching} onOpen={(e) => setOpenId(e.id)} />
          <nav aria-label="Outbox pages" className="mt-3 flex items-center justify-between gap-4">
            <p className="text-muted">
              {filters.offset + 1}–{filters.offset + emails.length} of {outbox.data.count}
            </p>
            <div className="flex gap-2">
              <Button size="sm" disabled={filters.offset === 0} onClick={() => setFilters((f) => ({ ...f, offset: Math.max(0, f.offset - PAGE_SIZE) }))}>
                Previous
              </Button>
              <Button size="sm" disabled={outbox.data.next === null} onClick={() => setFilters((f) => ({ ...f, offset: f.offset + PAGE_SIZE }))}>
                Next
              </Button>
            </div>
          </nav>
        </>
      )}
      <EmailViewer email={open} onClose={() => setOpenId(null)} />
    </>
  );
}
