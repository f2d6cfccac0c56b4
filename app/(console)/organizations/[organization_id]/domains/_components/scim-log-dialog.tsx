"use client";

import { useId } from "react";
import type { ScimRequestLog } from "@/lib/schemas/domains";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import { providerWords, readableBody, statusTone } from "./scim-words";

function Block({ title, text, empty }: { title: string; text: string; empty: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="mt-4">
      <h3 id={id} className="font-medium">
        {title}
      </h3>
      {text ? (
        // Focusable so a keyboard can scroll a long body.
        <pre tabIndex={0} className="mt-1.5 max-h-72 overflow-y-auto rounded-md border border-line bg-subtle px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap">
          {text}
        </pre>
      ) : (
        <p className="mt-1 text-muted">{empty}</p>
      )}
    </section>
  );
}

/** One logged request as it was received and answered: its headers and bodies as stored (the token and personal data masked). */
export function ScimLogDialog({ entry, onClose }: { entry: ScimRequestLog | null; onClose: () => void }) {
  const headers = entry ? Object.entries(entry.request_headers).map(([name, value]) => `${name}: ${value}`).join("\n") : "";
  return (
    <Dialog open={entry !== null} onClose={onClose} size="lg" title={entry ? `${entry.request_method} ${entry.request_path}` : ""} description="The token and personal data are masked.">
      {entry && (
        <>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted">
            <Badge tone={statusTone(entry.response_status)}>{entry.response_status}</Badge>
            <Time iso={entry.created_at} />
            <span>{providerWords(entry.identity_provider)}</span>
            <span>{entry.duration_ms} ms</span>
          </p>
          <Block title="Request headers" text={headers} empty="No headers were kept." />
          <Block title="Request body" text={readableBody(entry.request_body)} empty="No body." />
          <Block title="Response body" text={readableBody(entry.response_body)} empty="No body." />
        </>
      )}
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
