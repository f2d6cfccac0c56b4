"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";
import { CopyValue } from "./copy-value";

/**
 * A SCIM token, shown this once, with the base URL the SCIM client is given beside it. Until it has been copied,
 * Escape or a click outside asks before closing.
 */
export function ScimTokenDialog({ token, baseUrl, onClose }: { token: string | null; baseUrl: string; onClose: () => void }) {
  const [copiedValue, setCopiedValue] = useState<string | null>(null);
  const copied = token !== null && copiedValue === token;
  return (
    <Dialog
      open={token !== null}
      onClose={onClose}
      title="SCIM token"
      description="Give your identity provider's SCIM client this token and base URL. Copy the token now: it is shown only this once."
      closeWarning={copied ? null : "You have not copied this token yet, and it cannot be shown again."}
    >
      {token && (
        <div className="space-y-4">
          <dl>
            <CopyValue label="SCIM base URL" value={baseUrl} />
          </dl>
          <SecretValue label="SCIM token" value={token} onCopied={() => setCopiedValue(token)} />
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
