"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";

export type Lockout = { count: number; people: { id: string; email: string; name: string }[] };

type Props = { lockout: Lockout | null; method: string; onConfirm: () => void; onClose: () => void };

/** Before single sign-on is required: who could no longer sign in the way they do now, and a last chance to stop. */
export function LockoutDialog({ lockout, method, onConfirm, onClose }: Props) {
  const shown = lockout?.people ?? [];
  const more = lockout ? lockout.count - shown.length : 0;
  return (
    <Dialog
      open={lockout !== null}
      onClose={onClose}
      title={`Require ${method}?`}
      description="People of this domain then sign in only this way; other sign-in methods are refused for this organization."
    >
      {lockout && lockout.count === 0 && <p>Nobody would be locked out: every member of this domain already signs in this way, or there are none.</p>}
      {lockout && lockout.count > 0 && (
        <>
          <p role="alert" className="rounded-md bg-warn-bg px-3 py-2 text-warn-text">
            {lockout.count === 1 ? "1 person" : `${lockout.count} people`} would be locked out until they sign in with {method}:
          </p>
          <ul aria-label="People who would be locked out" className="mt-3 max-h-60 space-y-1 overflow-y-auto">
            {shown.map((p) => (
              <li key={p.id}>
                <span className="font-medium">{p.name || p.email}</span>
                {p.name && <span className="text-muted"> · {p.email}</span>}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="mt-2 text-muted">and {more} more.</p>}
        </>
      )}
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm}>
          Require {method}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
