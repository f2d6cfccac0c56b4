"use client";

import { useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { OutboxEmail } from "@/lib/query/types";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { SelectField } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { EmailViewer } from "./email-viewer";
import { OUTBOX_COLUMNS } from "./outbox-columns";
import { HELD_EXPLANATION, STATUS_OPTIONS } from "./status";

/** While a message is on its way (sending, or due within a minute), the list follows it. */
const IN_FLIGHT_REFRESH_MS = 2000;
const inFlight = (emails: unknown[]) =>
  (emails as OutboxEmail[]).some((e) => e.status === "sending" || (e.status === "pending" && new Date(e.next_attempt_at ?? 0).getTime() - Date.now() < 60_000));

/**
 * The organization's outbox from the REST API, a page at a time, filtered by status; each email opens in a viewer.
 * Held emails are explained when email has been set up since they were kept.
 */
export function OutboxList({ organizationId, emailConfigured }: { organizationId: string; emailConfigured: boolean }) {
  const list = usePagedList<OutboxEmail, { status: string }>({
    queryKey: queryKeys.outbox(organizationId),
    path: `/api/organizations/${organizationId}/outbox/`,
    defaults: { status: "" },
    follow: { while: inFlight, everyMs: IN_FLIGHT_REFRESH_MS },
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.rows.find((e) => e.id === openId) ?? null;

  return (
    <>
      <div role="search" aria-label="Filter the outbox" className="mb-4 max-w-xs">
        <SelectField
          label="Status"
          name="status"
          value={list.filters.status}
          onChange={(e) => list.setFilters({ status: e.target.value })}
          options={[{ value: "", label: "Any status" }, ...STATUS_OPTIONS]}
        />
      </div>
      {/* Without email the page's setup note already says this. */}
      {emailConfigured && list.rows.some((e) => e.status === "held") && (
        <p role="note" className="mb-4 rounded-md bg-warn-bg px-3 py-2 text-warn-text">
          <strong className="font-semibold">Held</strong> emails were never delivered. {HELD_EXPLANATION}
        </p>
      )}
      <DataTable
        caption="Emails of this organization"
        noun="emails"
        columns={OUTBOX_COLUMNS((email) => setOpenId(email.id))}
        rows={list.rows}
        rowKey={(e) => e.id}
        busy={list.query.isFetching}
        status={list.status({
          none: { title: "No emails yet", body: "Invitations sent from the Invites page appear here, with their delivery status." },
          noMatch: { title: "No emails with this status", body: "Choose another status, or any status.", action: <Button onClick={list.clearFilters}>Show every status</Button> },
        })}
      />
      <Pager label="Outbox pages" pager={list.pager} />
      <EmailViewer email={open} onClose={() => setOpenId(null)} />
    </>
  );
}
