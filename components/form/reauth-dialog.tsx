"use client";

import { reauthenticateAction } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";

type ReauthDialogProps = { open: boolean; callbackUrl: () => string; onCancel: () => void };

/** "Confirm it's you": a fresh sign-in that comes back to this page, where the pending action completes. */
export function ReauthDialog({ open, callbackUrl, onCancel }: ReauthDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title="Confirm it's you"
      description="This action needs a recent sign-in. Sign in again and it will finish as soon as you are back."
    >
      <form action={reauthenticateAction}>
        {open && <input type="hidden" name="callbackUrl" value={callbackUrl()} />}
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary">
            Sign in again
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
