"use client";

import { useId, useRef } from "react";

export type Tab<K extends string> = { key: K; label: string; panel: React.ReactNode };

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Tabs as screen readers expect them: one tab stop for the whole tab list, arrow keys (and Home, End) move to and
 * show another tab, Tab goes on into the panel. Hidden panels stay mounted, so what was typed in one survives a
 * look at another.
 */
export function Tabs<K extends string>({ label, tabs, selected, onSelect }: { label: string; tabs: Tab<K>[]; selected: K; onSelect: (key: K) => void }) {
  const id = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const next = move(index, tabs.length);
    onSelect(tabs[next].key);
    buttons.current[next]?.focus();
  }

  return (
    <div>
      {/* No scrolling container here: Chrome would give the focus to it, not to the selected tab, when a dialog opens. */}
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-x-1 border-b border-line">
        {tabs.map((tab, index) => {
          const active = tab.key === selected;
          return (
            <button
              key={tab.key}
              ref={(el) => {
                buttons.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${tab.key}`}
              aria-selected={active}
              aria-controls={`${id}-panel-${tab.key}`}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(tab.key)}
              onKeyDown={(e) => onKeyDown(e, index)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${active ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg"}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`${id}-panel-${tab.key}`} aria-labelledby={`${id}-tab-${tab.key}`} hidden={tab.key !== selected} className="pt-4">
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
