"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";

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

/**
 * A webhook's signing secret, shown this once (on creation and after a rotation). Until it has been copied, Escape or
 * a click outside asks before closing.
 */
export function SecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const [copiedValue, setCopiedValue] = useState<string | null>(null);
  const copied = secret !== null && copiedValue === secret;
  return (
    <Dialog
      open={secret !== null}
      onClose={onClose}
      title="Signing secret"
      description="Give this secret to the receiving app so it can check that deliveries come from Orgdeck. Copy it now: it is shown only this once."
      closeWarning={copied ? null : "You have not copied this secret yet, and it cannot be shown again."}
    >
      {secret && (
        <div className="space-y-4">
          <SecretValue label="Signing secret" value={secret} onCopied={() => setCopiedValue(secret)} />
          <VerifyNote />
        </div>
      )}
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          I have copied it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
