"use client";

import { useId, useState } from "react";
import { Button } from "./button";

/** A secret shown once: selectable, read-only, with a Copy button that says when it worked. */
export function SecretValue({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-line-strong bg-subtle px-2.5 font-mono text-xs"
        />
        <Button onClick={copy}>Copy</Button>
      </div>
      <p aria-live="polite" className="mt-1 h-4 text-xs text-muted">
        {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy: select the value and copy it yourself." : ""}
      </p>
    </div>
  );
}
