"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";

type Props = { top: React.ReactNode; nav: React.ReactNode; bottom: React.ReactNode };

/**
 * The sidebar's content. On a phone only the top row shows, with a Menu button that opens the sections and the account
 * below it; following a link closes it again. From the md width on, everything shows and the button is gone.
 */
export function CollapsibleSidebar({ top, nav, bottom }: Props) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(pathname);
  if (pathname !== shownFor) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <>
      <div className="flex items-center gap-2 border-b border-line p-2">
        <div className="min-w-0 flex-1">{top}</div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="console-menu"
          onClick={() => setOpen((o) => !o)}
          className="inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md border border-line-strong px-2.5 text-sm font-medium md:hidden"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
            {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />}
          </svg>
          Menu
        </button>
      </div>
      <div id="console-menu" className={`${open ? "flex" : "hidden"} min-h-0 flex-1 flex-col md:flex`}>
        <div className="flex-1 overflow-y-auto p-2">{nav}</div>
        <div className="space-y-2 border-t border-line p-2">{bottom}</div>
      </div>
    </>
  );
}
