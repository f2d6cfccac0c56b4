"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { WebhookDelivery } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { SelectField } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { redeliverWebhookAction } from "../actions";
import { DeliveryDialog } from "./delivery-dialog";
import { DeliveryStatusBadge, lastDuration, STATUS_OPTIONS } from "./delivery-status";

/** While any delivery on the page is still pending, the log refreshes itself this often. */
const FOLLOW_MS = 2000;
const anyPending = (rows: unknown[]) => (rows as WebhookDelivery[]).some((d) => d.status === "pending");

const columns = (onOpen: (d: WebhookDelivery) => void): Column<WebhookDelivery>[] => [
  {
    id: "event",
    header: "Event",
    cell: (d) => (
      <button type="button" onClick={() => onOpen(d)} className="text-left font-medium text-accent-text hover:underline">
        {d.event_type}
      </button>
    ),
  },
  { id: "status", header: "Status", cell: (d) => <DeliveryStatusBadge delivery={d} /> },
  { id: "attempts", header: "Attempts", from: "sm", cell: (d) => d.attempts },
  { id: "code", header: "Last status", from: "sm", cell: (d) => d.last_status_code ?? <span className="text-muted">—</span> },
  { id: "duration", header: "Duration", from: "md", nowrap: true, cell: lastDuration },
  { id: "created", header: "Time", nowrap: true, cell: (d) => <Time iso={d.created_at} /> },
];

/**
 * A webhook's deliveries, newest first, filtered by status; each opens with its attempts and payload. One that failed,
 * or that the receiver lost after accepting it, can be sent again with its webhook-id (a pending one is on its way).
 */
export function DeliveryLog({ organizationId, id, canEdit }: { organizationId: string; id: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = queryKeys.webhookDeliveries(organizationId, id);
  const list = usePagedList<WebhookDelivery, { status: string }>({
    queryKey: key,
    path: `/api/organizations/${organizationId}/integrations/${id}/deliveries/`,
    defaults: { status: "" },
    follow: { while: anyPending, everyMs: FOLLOW_MS },
    urlPrefix: "deliveries_",
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const open = list.rows.find((d) => d.id === openId) ?? null;

  function redeliver(delivery: WebhookDelivery) {
    setPendingId(delivery.id);
    startTransition(async () => {
      const result = await redeliverWebhookAction(organizationId, { id, delivery_id: delivery.id });
      setPendingId(null);
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      toast(`${delivery.event_type} queued again.`);
      await queryClient.invalidateQueries({ queryKey: key });
    });
  }
  const redeliverButton = (d: WebhookDelivery) =>
    canEdit && d.status !== "pending" ? (
      <Button size="sm" onClick={() => redeliver(d)} pending={pendingId === d.id}>
        Redeliver<span className="sr-only"> {d.event_type}</span>
      </Button>
    ) : null;

  return (
    <section aria-labelledby="deliveries-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="deliveries-heading" className="text-sm font-semibold">
            Delivery log
          </h2>
          <p className="mt-1 text-muted">Every event sent to this webhook, newest first, with each attempt and the receiver&apos;s answer.</p>
        </div>
        <div role="search" aria-label="Filter the deliveries" className="w-56">
          <SelectField label="Status" name="status" value={list.filters.status} onChange={(e) => list.setFilters({ status: e.target.value })} options={STATUS_OPTIONS} />
        </div>
      </div>
      <DataTable
        caption="Deliveries of this webhook"
        noun="deliveries"
        columns={columns((d) => setOpenId(d.id))}
        rows={list.rows}
        rowKey={(d) => d.id}
        busy={list.query.isFetching}
        actions={canEdit ? redeliverButton : undefined}
        status={list.status({
          none: { title: "No deliveries yet", body: "Changes of the chosen kinds appear here as they are sent. Send a test event to try the receiver." },
          noMatch: { title: "No deliveries with this status", body: "Choose another status, or any status.", action: <Button onClick={list.clearFilters}>Show every status</Button> },
        })}
      />
      <Pager label="Delivery pages" pager={list.pager} />
      <DeliveryDialog delivery={open} onClose={() => setOpenId(null)} redeliver={open && redeliverButton(open)} />
    </section>
  );
}
