"use client";

import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";

export type Secret = { title: string; value: string };

/** A key's secret, shown this once: after this dialog only its last four characters remain visible. */
export function SecretDialog({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  return (
    <SecretOnceDialog
      secret={secret?.value ?? null}
      title={secret?.title ?? "API key"}
      description="Copy it now and keep it somewhere safe: it is shown only this once."
      label="API key"
      what="key"
      onClose={onClose}
    />
  );
}
