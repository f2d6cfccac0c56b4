"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";

/** A client secret just made, with the client it belongs to. */
export type ClientSecret = { title: string; clientId: string; secret: string };

/** A client's ID and a client secret (an OAuth application's, a service account's), the secret shown this once. */
export function ClientSecretDialog({ secret, description, onClose }: { secret: ClientSecret | null; description: string; onClose: () => void }) {
  return (
    <SecretOnceDialog
      secret={secret?.secret ?? null}
      title={secret?.title ?? "Client secret"}
      description={description}
      label="Client secret"
      what="client secret"
      onClose={onClose}
    >
      {secret && (
        <dl>
          <dt className="font-medium">Client ID</dt>
          <dd className="mt-1 flex items-start gap-2">
            <code className="min-w-0 flex-1 rounded-md border border-line bg-subtle px-2 py-1 font-mono text-xs break-all">{secret.clientId}</code>
            <CopyButton size="sm" value={secret.clientId} what="client ID" />
          </dd>
        </dl>
      )}
    </SecretOnceDialog>
  );
}
