"use client";

import { useState } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";

type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pending?: boolean;
  /** When set, the person types this text before the button unlocks (for what cannot be undone). */
  typeToConfirm?: { label: string; value: string };
};

/** "Are you sure?" for destructive actions: Cancel has the focus first, the danger button says what it does. */
export function ConfirmDialog({ open, onClose, onConfirm, title, description, confirmLabel, pending, typeToConfirm }: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  const locked = typeToConfirm !== undefined && typed !== typeToConfirm.value;
  function close() {
    setTyped("");
    onClose();
  }
  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!locked) onConfirm();
        }}
      >
        {typeToConfirm && (
          <div>
            <label htmlFor="confirm-text" className="block font-medium">
              {typeToConfirm.label}
            </label>
            <input
              id="confirm-text"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="mt-1.5 h-8 w-full rounded-md border border-line-strong bg-canvas px-2.5"
            />
          </div>
        )}
        <DialogActions>
          <Button onClick={close} autoFocus={!typeToConfirm}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={locked} pending={pending}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
