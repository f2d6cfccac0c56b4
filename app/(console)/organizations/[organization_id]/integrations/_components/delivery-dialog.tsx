"use client";

import type { WebhookDelivery } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import { DeliveryStatusBadge, deliveryState } from "./delivery-status";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const PRE = "max-h-64 overflow-auto rounded-md border border-line bg-subtle p-2 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]";

type Props = { delivery: WebhookDelivery | null; onClose: () => void; redeliver: React.ReactNode };

/** One delivery in full: its state, every attempt with the receiver's answer, and the payload that was signed. */
export function DeliveryDialog({ delivery, onClose, redeliver }: Props) {
  return (
    <Dialog open={delivery !== null} onClose={onClose} title={delivery ? `Delivery of ${delivery.event_type}` : "Delivery"} size="lg">
      {delivery && (
        <div className="space-y-5">
          <dl className="space-y-1">
            <Field label="Status">
              <DeliveryStatusBadge delivery={delivery} /> <span className="text-muted">{deliveryState(delivery).help}</span>
            </Field>
            <Field label="webhook-id">
              <code className="text-xs">{delivery.webhook_id}</code>
            </Field>
            <Field label="Created">
              <Time iso={delivery.created_at} />
            </Field>
            {delivery.delivered_at && (
              <Field label="Delivered">
                <Time iso={delivery.delivered_at} />
              </Field>
            )}
            {delivery.status === "pending" && delivery.next_attempt_at && (
              <Field label="Next attempt">
                <Time iso={delivery.next_attempt_at} />
              </Field>
            )}
          </dl>
          <section aria-labelledby="attempts-heading">
            <h3 id="attempts-heading" className="mb-1.5 font-medium">
              Attempts
            </h3>
            {delivery.attempt_log.length === 0 ? (
              <p className="text-muted">None yet.</p>
            ) : (
              <ol className="space-y-3">
                {delivery.attempt_log.map((a) => (
                  <li key={a.attempt} className="rounded-md border border-line p-3">
                    <p className="flex flex-wrap gap-x-3">
                      <span className="font-medium">Attempt {a.attempt}</span>
                      <span className={a.error ? "text-danger-text" : "text-ok-text"}>{a.status_code !== null ? `HTTP ${a.status_code}` : "No answer"}</span>
                      <span className="text-muted">{a.duration_ms} ms</span>
                      <Time iso={a.created_at} />
                    </p>
                    {a.error && <p className="mt-1 text-danger-text [overflow-wrap:anywhere]">{a.error}</p>}
                    {a.response_excerpt && (
                      <>
                        <p className="mt-2 text-xs text-muted">Response (start)</p>
                        <pre className={PRE} tabIndex={0}>{a.response_excerpt}</pre>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="payload-heading">
            <h3 id="payload-heading" className="mb-1.5 font-medium">
              Payload
            </h3>
            <pre className={PRE} tabIndex={0} aria-labelledby="payload-heading">
              {JSON.stringify(delivery.payload, null, 2)}
            </pre>
          </section>
        </div>
      )}
      <DialogActions>
        {redeliver}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
