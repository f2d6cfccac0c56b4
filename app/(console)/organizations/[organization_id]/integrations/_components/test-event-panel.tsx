"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, useTransition } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage, WebhookDelivery } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { sendTestEventAction } from "../actions";
import { ADMINS_ONLY } from "./webhook-words";

const POLL_MS = 1000;

/** What became of the test event, in a sentence. */
function outcome(delivery: WebhookDelivery | undefined): { text: string; tone: "muted" | "ok" | "danger"; sending?: boolean } {
  const last = delivery?.attempt_log.at(-1);
  if (!delivery || delivery.attempts === 0 || !last) return { text: "Sending the test event…", tone: "muted", sending: true };
  const answer = last.status_code !== null ? `The receiver answered ${last.status_code} in ${last.duration_ms} ms.` : `No answer: ${last.error ?? "the request failed"}.`;
  if (delivery.status === "delivered") return { text: `Delivered. ${answer}`, tone: "ok" };
  if (delivery.status === "failed") return { text: `Failed. ${answer}`, tone: "danger" };
  return { text: `Not delivered yet. ${answer} It is retried for a day; the delivery log below follows it.`, tone: "danger" };
}

/** "Send test event": queues a `webhook.test` delivery, then follows it until its first attempt has an answer. */
export function TestEventPanel({ organizationId, id, canEdit }: { organizationId: string; id: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const reasonId = useId();
  const [deliveryId, setDeliveryId] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const deliveries = queryKeys.webhookDeliveries(organizationId, id);
  const tracked = useQuery({
    queryKey: [...deliveries, "test", deliveryId],
    queryFn: async () => {
      const page = await apiGet<ListPage<WebhookDelivery>>(`/api/organizations/${organizationId}/integrations/${id}/deliveries/`, { limit: 20, offset: 0 });
      return page.results.find((d) => d.id === deliveryId) ?? null;
    },
    enabled: deliveryId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.attempts > 0 ? false : POLL_MS),
  });
  const result = deliveryId ? outcome(tracked.data ?? undefined) : null;

  function send() {
    startTransition(async () => {
      const sent = await sendTestEventAction(organizationId, { id });
      if (!sent.ok) {
        toast(sent.error.detail, "error");
        return;
      }
      setDeliveryId(sent.data.id);
      void queryClient.invalidateQueries({ queryKey: deliveries });
    });
  }

  const tone = { muted: "text-muted", ok: "text-ok-text", danger: "text-danger-text" }[result?.tone ?? "muted"];
  return (
    <Panel
      title="Test event"
      description="Sends a webhook.test event, signed and retried like any other, to check that the receiver accepts it."
      footer={
        <>
          {!canEdit && (
            <p id={reasonId} className="mr-auto text-muted">
              {ADMINS_ONLY}
            </p>
          )}
          <Button onClick={send} pending={pending || Boolean(result?.sending)} disabled={!canEdit} aria-describedby={canEdit ? undefined : reasonId}>
            Send test event
          </Button>
        </>
      }
    >
      <p role="status" className={tone}>
        {result?.text ?? "No test event sent from this page yet."}
      </p>
    </Panel>
  );
}
