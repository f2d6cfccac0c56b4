"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";

/** A client secret just made, with the application it belongs to. */
export type ClientSecret = { title: string; clientId: string; secret: string };

/**
 * The client ID and a client secret, the secret shown this once. Until it has been copied, Escape or a click outside
 * asks before closing.
 */
export function ClientSecretDialog({ secret, onClose }: { secret: ClientSecret | null; onClose: () => void }) {
  const [copiedValue, setCopiedValue] = useState<string | null>(null);
  const copied = secret !== null && copiedValue === secret.secret;
  return (
    <Dialog
      open={secret !== null}
      onClose={onClose}
      title={secret?.title ?? "Client secret"}
      description="Give the app its client ID and secret. Copy the secret now: it is shown only this once."
      closeWarning={copied ? null : "You have not copied this client secret yet, and it cannot be shown again."}
    >
      {secret && (
        <div className="space-y-4">
          <dl>
            <dt className="font-medium">Client ID</dt>
            <dd className="mt-1 flex items-start gap-2">
              <code className="min-w-0 flex-1 rounded-md border border-line bg-subtle px-2 py-1 font-mono text-xs break-all">{secret.clientId}</code>
              <CopyButton size="sm" value={secret.clientId} what="client ID" />
            </dd>
          </dl>
          <SecretValue label="Client secret" value={secret.secret} onCopied={() => setCopiedValue(secret.secret)} />
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
