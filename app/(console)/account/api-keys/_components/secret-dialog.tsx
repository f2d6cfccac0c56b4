"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";

export type Secret = { title: string; value: string };

/** A key's secret, shown this once: after this dialog only its last four characters remain visible. */
export function SecretDialog({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  return (
    <Dialog open={secret !== null} onClose={onClose} title={secret?.title ?? "API key"} description="Copy it now and keep it somewhere safe: it is shown only this once.">
      {secret && <SecretValue label="API key" value={secret.value} />}
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          I have copied it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
