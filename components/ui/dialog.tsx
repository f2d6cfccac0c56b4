"use client";

import { useEffect, useId, useRef, useState } from "react";

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  size?: "md" | "lg";
  /**
   * When set, Escape or a click outside first shows this warning instead of closing (something would be lost); doing
   * it again closes. The dialog's own buttons close it at once.
   */
  closeWarning?: string | null;
};

/**
 * A modal on the native <dialog>: the browser traps focus and closes it on Escape, a click outside closes it too, and
 * focus goes back to whatever opened it. `open` drives it; `onClose` hears every way of closing (Escape, a click
 * outside, a Cancel button, the parent).
 */
export function Dialog({ open, onClose, title, description, children, size = "md", closeWarning = null }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [warned, setWarned] = useState(false);
  /** A press that began on the backdrop: a drag from inside the box that ends outside is not a click outside. */
  const pressedOutside = useRef(false);
  if (!open && warned) setWarned(false);

  /** Escape or a click outside: warn first when something would be lost. Answers whether to close now. */
  function mayDismiss() {
    if (!closeWarning || warned) return true;
    setWarned(true);
    return false;
  }

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function handleClose() {
    onClose();
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }

  return (
    <dialog
      ref={ref}
      onClose={handleClose}
      onCancel={(e) => {
        if (!mayDismiss()) e.preventDefault();
      }}
      // The content fills the dialog box, so a press whose target is the <dialog> itself landed on the backdrop.
      onMouseDown={(e) => {
        pressedOutside.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && pressedOutside.current && mayDismiss()) e.currentTarget.close();
      }}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={`m-auto w-full ${size === "lg" ? "max-w-2xl" : "max-w-md"} rounded-lg border border-line bg-surface p-0 text-fg shadow-xl`}
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1 text-muted">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
          {warned && closeWarning && (
            <p role="alert" className="mt-4 rounded-md border border-warn-text/40 bg-warn-bg px-3 py-2 text-warn-text">
              {closeWarning} Press Escape or click outside again to close anyway.
            </p>
          )}
        </div>
      )}
    </dialog>
  );
}

/** The button row at the bottom of a dialog. */
export function DialogActions({ children }: { children: React.ReactNode }) {
  return <div className="mt-5 flex justify-end gap-2">{children}</div>;
}
