"use client";

import type { OutboxEmail } from "@/lib/query/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import { EmailBody } from "./email-body";
import { StatusBadge, statusHelp } from "./status";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/** One email in full: its headers, delivery state and every attempt, and its body. */
export function EmailViewer({ email, onClose }: { email: OutboxEmail | null; onClose: () => void }) {
  return (
    <Dialog open={email !== null} onClose={onClose} title={email?.subject ?? "Email"} size="lg">
      {email && (
        <div className="space-y-5">
          <dl className="space-y-1">
            <Field label="To">{email.to}</Field>
            <Field label="From">{email.from}</Field>
            {email.reply_to && <Field label="Reply-To">{email.reply_to}</Field>}
            <Field label="Message-ID"><code className="text-xs">{email.message_id}</code></Field>
            <Field label="Status">
              <StatusBadge status={email.status} /> <span className="text-muted">{statusHelp(email.status)}</span>
            </Field>
            <Field label="Created"><Time iso={email.created_at} /></Field>
            {email.sent_at && <Field label="Sent"><Time iso={email.sent_at} /></Field>}
            {email.next_attempt_at && <Field label="Next attempt"><Time iso={email.next_attempt_at} /></Field>}
            {email.link_works !== null && (
              <Field label="Link">
                {email.link_works ? "Still opens the invitation." : <Badge tone="warn">No longer works</Badge>}
                {!email.link_works && <span className="text-muted"> The invitation was revoked, replaced, accepted or has expired.</span>}
              </Field>
            )}
            {email.last_error && <Field label={email.status === "cancelled" ? "Why it was not sent" : "Last error"}>{email.last_error}</Field>}
          </dl>
          <section aria-label="Delivery attempts">
            <h3 className="mb-1.5 font-medium">Delivery attempts</h3>
            {email.attempts.length === 0 ? (
              <p className="text-muted">{email.status === "held" ? "None: nothing is delivered without a mail server." : "None yet."}</p>
            ) : (
              <ol className="space-y-1">
                {email.attempts.map((a, i) => (
                  <li key={i} className="flex flex-wrap gap-x-2">
                    <Time iso={a.attempted_at} /> <span className={a.outcome === "sent" ? "text-ok-text" : "text-danger-text"}>{a.outcome}</span>
                    {a.error && <span className="text-muted [overflow-wrap:anywhere]">{a.error}</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-label="Body">
            <h3 className="mb-1.5 font-medium">Body</h3>
            <EmailBody subject={email.subject} text={email.text} html={email.html} />
          </section>
        </div>
      )}
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
