"use client";

import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";

/** How a receiver checks a delivery, in the Standard Webhooks terms its libraries use. */
function VerifyNote() {
  return (
    <div className="rounded-md border border-line bg-subtle px-3 py-2 text-xs">
      <p className="font-medium">Verifying deliveries</p>
      <p className="mt-1 text-muted">
        Each request follows Standard Webhooks and carries <code>webhook-id</code>, <code>webhook-timestamp</code> and{" "}
        <code>webhook-signature</code> headers. The signature is <code>v1,</code> and a base64 HMAC-SHA256 of{" "}
        <code>{"<webhook-id>.<webhook-timestamp>.<body>"}</code>, keyed with the base64-decoded part of the secret after{" "}
        <code>whsec_</code>. Any Standard Webhooks library checks it for you; refuse old timestamps, and use{" "}
        <code>webhook-id</code> to ignore a retry you already handled.
      </p>
    </div>
  );
}

/** A webhook's signing secret, shown this once (on creation and after a rotation), with how receivers check it. */
export function SecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  return (
    <SecretOnceDialog
      secret={secret}
      title="Signing secret"
      description="Give this secret to the receiving app so it can check that deliveries come from Orgdeck. Copy it now: it is shown only this once."
      label="Signing secret"
      what="secret"
      onClose={onClose}
      after={<VerifyNote />}
    />
  );
}
