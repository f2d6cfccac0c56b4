"use client";

import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";
import { CopyValue } from "./copy-value";

/** A SCIM token, shown this once, with the base URL the SCIM client is given beside it. */
export function ScimTokenDialog({ token, baseUrl, onClose }: { token: string | null; baseUrl: string; onClose: () => void }) {
  return (
    <SecretOnceDialog
      secret={token}
      title="SCIM token"
      description="Give your identity provider's SCIM client this token and base URL. Copy the token now: it is shown only this once."
      label="SCIM token"
      what="token"
      onClose={onClose}
    >
      <dl>
        <CopyValue label="SCIM base URL" value={baseUrl} />
      </dl>
    </SecretOnceDialog>
  );
}
