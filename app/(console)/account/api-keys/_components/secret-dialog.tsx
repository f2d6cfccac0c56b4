"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";

export type Secret = { title: string; value: string };

/**
 * A key's secret, shown this once: after this dialog only its last four characters remain visible. Until it has been
 * copied, Escape or a click outside asks before closing.
 */
export function SecretDialog({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  const [copiedValue, setCopiedValue] = useState<string | null>(null);
  const copied = secret !== null && copiedValue === secret.value;
  return (
    <Dialog
      open={secret !== null}
      onClose={onClose}
      title={secret?.title ?? "API key"}
      description="Copy it now and keep it somewhere safe: it is shown only this once."
      closeWarning={copied ? null : "You have not copied this key yet, and it cannot be shown again."}
    >
      {secret && <SecretValue label="API key" value={secret.value} onCopied={() => setCopiedValue(secret.value)} />}
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          I have copied it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
