"use client";

import Link from "next/link";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";

export type MenuItem =
  | {
      kind: "action";
      label: React.ReactNode;
      onSelect: () => void;
      checked?: boolean;
      disabled?: boolean;
      /** Smaller text under the label, read as the item's description rather than as part of its name. */
      description?: React.ReactNode;
    }
  | { kind: "link"; label: React.ReactNode; href: string }
  | { kind: "separator" };

type MenuProps = {
  /** The trigger's content; `buttonLabel` names it for screen readers when the content alone does not. */
  trigger: React.ReactNode;
  buttonLabel?: string;
  items: MenuItem[];
  placement?: "below" | "above";
  buttonClassName?: string;
  /**
   * The menu floats over the page at a fixed width, beside its button, instead of inside the button's box: for a menu
   * in a table that scrolls sideways (which would clip it), or one whose items carry descriptions.
   */
  floating?: boolean;
};

const GAP = 4;
const EDGE = 8;

/** Where a floating menu goes: below its button (above when there is no room), kept inside the window. */
function floatingPosition(button: DOMRect, menu: HTMLElement): React.CSSProperties {
  const left = Math.max(EDGE, Math.min(button.left, window.innerWidth - menu.offsetWidth - EDGE));
  const below = button.bottom + GAP;
  const above = button.top - GAP - menu.offsetHeight;
  const top = below + menu.offsetHeight > window.innerHeight - EDGE && above >= EDGE ? above : below;
  return { top, left };
}

const ITEM =
  "flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm text-fg hover:bg-subtle focus:bg-subtle focus:outline-none aria-disabled:cursor-not-allowed aria-disabled:text-muted";

/**
 * A menu button (WAI-ARIA pattern): Enter, Space or ArrowDown opens it on the first item, ArrowUp on the last;
 * arrows, Home and End move; Escape closes and returns focus to the button; Tab or a click outside closes it.
 * A disabled item stays focusable (so its label, which can say why, is read) but does nothing.
 */
export function Menu({ trigger, buttonLabel, items, placement = "below", buttonClassName = "", floating = false }: MenuProps) {
  const [open, setOpen] = useState(false);
  // Placed before the browser paints (a layout effect); items stay focusable meanwhile, so no `visibility: hidden`.
  const [floatAt, setFloatAt] = useState<React.CSSProperties>({ top: 0, left: 0 });
  const [initialFocus, setInitialFocus] = useState<"first" | "last">("first");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = useId();

  const menuItems = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>("[role^=menuitem]") ?? []);

  useEffect(() => {
    if (!open) return;
    const list = menuItems();
    list[initialFocus === "first" ? 0 : list.length - 1]?.focus();
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, initialFocus]);

  useLayoutEffect(() => {
    if (!open || !floating) return;
    function place() {
      if (buttonRef.current && menuRef.current) setFloatAt(floatingPosition(buttonRef.current.getBoundingClientRect(), menuRef.current));
    }
    place();
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
      setFloatAt({ top: 0, left: 0 });
    };
  }, [open, floating]);

  function openAt(position: "first" | "last") {
    setInitialFocus(position);
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onMenuKeyDown(event: React.KeyboardEvent) {
    const list = menuItems();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      list[(moves[event.key] + list.length) % list.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    } else if (event.key === " " && document.activeElement instanceof HTMLAnchorElement) {
      event.preventDefault();
      document.activeElement.click();
    }
  }

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={buttonLabel}
        onClick={() => (open ? close(false) : openAt("first"))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            openAt(e.key === "ArrowDown" ? "first" : "last");
          }
        }}
        className={buttonClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          onKeyDown={onMenuKeyDown}
          style={floating ? floatAt : undefined}
          className={`z-40 rounded-md border border-line bg-surface p-1 shadow-lg ${
            floating
              ? "fixed w-80 max-w-[calc(100vw-1rem)]"
              : `absolute left-0 w-full min-w-56 ${placement === "above" ? "bottom-full mb-1" : "top-full mt-1"}`
          }`}
        >
          {items.map((item, i) => {
            if (item.kind === "separator") return <div key={i} role="separator" className="my-1 border-t border-line" />;
            if (item.kind === "link") {
              return (
                <Link key={i} href={item.href} role="menuitem" tabIndex={-1} className={ITEM} onClick={() => close(false)}>
                  {item.label}
                </Link>
              );
            }
            return (
              <button
                key={i}
                type="button"
                role={item.checked === undefined ? "menuitem" : "menuitemradio"}
                aria-checked={item.checked}
                aria-disabled={item.disabled || undefined}
                aria-labelledby={item.description ? `${menuId}-label-${i}` : undefined}
                aria-describedby={item.description ? `${menuId}-description-${i}` : undefined}
                tabIndex={-1}
                className={ITEM}
                onClick={() => {
                  if (item.disabled) return;
                  close(true);
                  item.onSelect();
                }}
              >
                {item.description ? (
                  <span className="min-w-0">
                    <span id={`${menuId}-label-${i}`} className="block">
                      {item.label}
                    </span>
                    <span id={`${menuId}-description-${i}`} className="mt-0.5 block text-xs text-muted">
                      {item.description}
                    </span>
                  </span>
                ) : (
                  item.label
                )}
                {item.checked && (
                  <span aria-hidden="true" className="ml-auto text-accent-text">
                    ✓
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
