"use client";

import { useEffect, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";

type Mode = "system" | "light" | "dark";
const MODES: { mode: Mode; label: string }[] = [
  { mode: "system", label: "System" },
  { mode: "light", label: "Light" },
  { mode: "dark", label: "Dark" },
];

const systemDark = () => window.matchMedia("(prefers-color-scheme: dark)");
const modeListeners = new Set<() => void>();

function storedMode(): Mode {
  const value = localStorage.getItem(THEME_STORAGE_KEY);
  return value === "light" || value === "dark" ? value : "system";
}

function chooseMode(mode: Mode) {
  if (mode === "system") localStorage.removeItem(THEME_STORAGE_KEY);
  else localStorage.setItem(THEME_STORAGE_KEY, mode);
  modeListeners.forEach((notify) => notify());
}

function subscribeToMode(onChange: () => void) {
  modeListeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    modeListeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function subscribeToSystem(onChange: () => void) {
  const query = systemDark();
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Light, dark, or the system's choice (the default, followed live); remembered in this browser. */
export function ThemeToggle() {
  // Null while rendering on the server, where the stored choice is unknown: nothing is shown as pressed.
  const mode = useSyncExternalStore<Mode | null>(subscribeToMode, storedMode, () => null);
  const prefersDark = useSyncExternalStore(subscribeToSystem, () => systemDark().matches, () => false);

  useEffect(() => {
    if (mode !== null) document.documentElement.classList.toggle("dark", mode === "dark" || (mode === "system" && prefersDark));
  }, [mode, prefersDark]);

  return (
    <div role="group" aria-label="Theme" className="flex rounded-md border border-line bg-canvas p-0.5">
      {MODES.map(({ mode: m, label }) => (
        <button
          key={m}
          type="button"
          aria-pressed={mode === m}
          onClick={() => chooseMode(m)}
          className={`flex-1 rounded px-2 py-0.5 text-xs ${mode === m ? "bg-subtle font-medium text-fg" : "text-muted hover:text-fg"}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
