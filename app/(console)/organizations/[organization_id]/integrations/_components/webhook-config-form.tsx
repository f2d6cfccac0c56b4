"use client";

import { useState } from "react";
import { updateWebhookByIdInput, WEBHOOK_EVENT_SCOPES, type WebhookEventScope } from "@/lib/schemas/integrations";
import { FormPanel } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { updateWebhookAction } from "../actions";
import { ScopesField } from "./scopes-field";
import { ADMINS_ONLY } from "./webhook-words";
import { useIntegrationsRefresh } from "./use-integrations-refresh";

type Props = { organizationId: string; id: string; url: string; scopes: WebhookEventScope[]; canEdit: boolean };

const sameScopes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s) => b.includes(s));

/** A webhook's URL and events; its signing secret stays as it is. */
export function WebhookConfigForm({ organizationId, id, url: savedUrl, scopes: savedScopes, canEdit }: Props) {
  const refresh = useIntegrationsRefresh(organizationId);
  const savedAll = savedScopes.length === WEBHOOK_EVENT_SCOPES.length;
  const [url, setUrl] = useState(savedUrl);
  const [scopes, setScopes] = useState<WebhookEventScope[] | null>(savedAll ? null : savedScopes);
  const wanted = scopes ?? [...WEBHOOK_EVENT_SCOPES];
  const changed = url.trim() !== savedUrl || !sameScopes(wanted, savedScopes);
  const form = useFormAction({
    schema: updateWebhookByIdInput,
    action: (input) => updateWebhookAction(organizationId, input),
    success: "Webhook saved.",
    onSuccess: () => refresh(),
  });
  return (
    <FormPanel
      title="Endpoint"
      description={canEdit ? "Where deliveries go, and which changes are sent. Deliveries still being retried go to the new URL on their next attempt." : ADMINS_ONLY}
      form={form}
      readOnly={!canEdit}
      submitLabel="Save endpoint"
      canSubmit={changed}
      onSubmit={() => form.submit({ id, config: { url: url.trim(), scopes: wanted } })}
    >
      <TextField
        label="URL"
        name="config__url"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={form.errors.config__url}
        disabled={!canEdit}
        autoComplete="off"
        spellCheck={false}
        maxLength={2048}
      />
      <ScopesField value={scopes} onChange={setScopes} error={form.errors.config__scopes} disabled={!canEdit} />
    </FormPanel>
  );
}
