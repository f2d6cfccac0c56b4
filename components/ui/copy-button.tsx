"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";

type CopyState = "idle" | "copied" | "failed";
const FEEDBACK_MS = 2000;

/**
 * The console's one clipboard write and its feedback. `copy` takes the text, or a function that fetches it (an
 * invitation link); it answers whether the clipboard took it, so a caller can offer the text to copy by hand.
 */
export function useCopy() {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(text: string | (() => Promise<string | null>)) {
    const value = typeof text === "string" ? text : await text();
    if (value === null) return false;
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
      return true;
    } catch {
      setState("failed");
      return false;
    }
  }
  return { state, copy };
}

type CopyButtonProps = {
  /** The text, or a function that fetches it (null when it could not be had). */
  value: string | (() => Promise<string | null>);
  label?: string;
  /** Read after the label by screen readers: what is copied ("for ada@example.com"). */
  what?: string;
  size?: "sm" | "md";
  onCopied?: () => void;
  onFailed?: () => void;
};

/** A Copy button that says "Copied" on itself for two seconds, and announces it. */
export function CopyButton({ value, label = "Copy", what, size = "md", onCopied, onFailed }: CopyButtonProps) {
  const { state, copy } = useCopy();
  return (
    <Button
      size={size}
      onClick={async () => {
        if (await copy(value)) onCopied?.();
        else onFailed?.();
      }}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Not copied" : label}</span>
      {what && <span className="sr-only"> {what}</span>}
    </Button>
  );
}
