"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";
import { SecretValue } from "./secret-value";

type Props = {
  /** The secret; null closes the dialog. */
  secret: string | null;
  title: string;
  description: string;
  /** The secret's label, e.g. "Client secret". */
  label: string;
  /** What the secret is called in the warning, e.g. "token": "You have not copied this token yet…". */
  what: string;
  onClose: () => void;
  /** Shown above the secret (what goes with it: a client ID, a base URL). */
  children?: ReactNode;
  /** Shown below the secret (how to use it). */
  after?: ReactNode;
};

/**
 * A secret shown this once (a key, a token, a signing or client secret). Until it has been copied, Escape or a click
 * outside asks before closing.
 */
export function SecretOnceDialog({ secret, title, description, label, what, onClose, children, after }: Props) {
  const [copiedValue, setCopiedValue] = useState<string | null>(null);
  const copied = secret !== null && copiedValue === secret;
  return (
    <Dialog
      open={secret !== null}
      onClose={onClose}
      title={title}
      description={description}
      closeWarning={copied ? null : `You have not copied this ${what} yet, and it cannot be shown again.`}
    >
      {secret !== null && (
        <div className="space-y-4">
          {children}
          <SecretValue label={label} value={secret} onCopied={() => setCopiedValue(secret)} />
          {after}
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
