"use client";

import { useState } from "react";
import { createIntegrationInput, type WebhookEventScope } from "@/lib/schemas/integrations";
import { DialogForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { createIntegrationAction } from "../actions";
import { ScopesField } from "./scopes-field";
import { SecretDialog } from "./secret-dialog";
import { useIntegrationsRefresh } from "./use-integrations-refresh";

/** "Add webhook": its URL and events, then its signing secret shown once, then its page. */
export function AddWebhookButton({ organizationId }: { organizationId: string }) {
  const refresh = useIntegrationsRefresh(organizationId);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [scopes, setScopes] = useState<WebhookEventScope[] | null>(null);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const form = useFormAction({
    schema: createIntegrationInput,
    action: (input) => createIntegrationAction(organizationId, input),
    success: "Webhook added.",
    onSuccess: (integration) => {
      close();
      setCreated({ id: integration.id, secret: integration.secret });
    },
  });
  function close() {
    setUrl("");
    setScopes(null);
    form.reset();
    setOpen(false);
  }
  function submit() {
    form.submit({ kind: "webhook", config: { url: url.trim(), ...(scopes && { scopes }) } });
  }
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Add webhook
      </Button>
      <Dialog open={open} onClose={close} title="Add webhook" description="Orgdeck POSTs a signed JSON message to this URL each time something of the chosen kinds changes.">
        <DialogForm form={form} submitLabel="Add webhook" onCancel={close} onSubmit={submit}>
          <TextField
            label="URL"
            name="config__url"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={form.errors.config__url}
            hint="An https:// address that answers with a 2xx status; other answers are retried for a day."
            placeholder="https://example.com/webhooks/orgdeck"
            autoComplete="off"
            spellCheck={false}
            maxLength={2048}
          />
          <ScopesField value={scopes} onChange={setScopes} error={form.errors.config__scopes} />
        </DialogForm>
      </Dialog>
      <SecretDialog
        secret={created?.secret ?? null}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          refresh(id ? `/organizations/${organizationId}/integrations/${id}` : undefined);
        }}
      />
    </>
  );
}
