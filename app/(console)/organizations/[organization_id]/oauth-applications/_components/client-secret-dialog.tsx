"use client";

import { ClientSecretDialog as SharedClientSecretDialog, type ClientSecret } from "@/components/ui/client-secret-dialog";

export type { ClientSecret };

/** An OAuth application's client ID and a client secret, the secret shown this once. */
export function ClientSecretDialog({ secret, onClose }: { secret: ClientSecret | null; onClose: () => void }) {
  return (
    <SharedClientSecretDialog
      secret={secret}
      description="Give the app its client ID and secret. Copy the secret now: it is shown only this once."
      onClose={onClose}
    />
  );
}
