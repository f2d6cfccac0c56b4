"use client";

import { useState } from "react";

/**
 * An email's body as text, or its HTML in a sandboxed frame: `sandbox=""` runs no scripts, submits no forms and gives
 * the content its own opaque origin, so nothing in a message can reach the console.
 */
export function EmailBody({ subject, text, html }: { subject: string; text: string; html: string }) {
  const [view, setView] = useState<"text" | "html">("text");
  return (
    <div>
      <div role="group" aria-label="Show the body as" className="inline-flex rounded-md border border-line bg-canvas p-0.5">
        {(["text", "html"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            className={`rounded px-2.5 py-0.5 text-xs ${view === v ? "bg-subtle font-medium text-fg" : "text-muted hover:text-fg"}`}
          >
            {v === "text" ? "Text" : "HTML"}
          </button>
        ))}
      </div>
      {view === "text" ? (
        <pre className="mt-2 max-h-96 overflow-auto rounded-md border border-line bg-subtle p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">{text}</pre>
      ) : (
        <iframe sandbox="" srcDoc={html} title={`HTML body of “${subject}”`} className="mt-2 h-96 w-full rounded-md border border-line bg-white" />
      )}
    </div>
  );
}
