"use client";

import { WEBHOOK_EVENT_SCOPES, type WebhookEventScope } from "@/lib/schemas/integrations";
import { SCOPE_LABELS } from "./webhook-words";

type Props = {
  /** Null: every scope, now and as new ones are added. */
  value: WebhookEventScope[] | null;
  onChange: (value: WebhookEventScope[] | null) => void;
  /** Any problem with the list; the only one a person can cause is ticking none. */
  error?: string;
  disabled?: boolean;
};

/** Which activity the webhook receives: everything (the default), or the kinds ticked. */
export function ScopesField({ value, onChange, error, disabled = false }: Props) {
  const all = value === null;
  const toggle = (scope: WebhookEventScope, on: boolean) => {
    const current = value ?? [];
    onChange(WEBHOOK_EVENT_SCOPES.filter((s) => (s === scope ? on : current.includes(s))));
  };
  return (
    <fieldset aria-describedby={error ? "scopes-error" : undefined}>
      <legend className="font-medium">Events</legend>
      <p className="mt-1 text-xs text-muted">Each change recorded in the activity log of these kinds is sent to the URL.</p>
      <label className="mt-2 flex items-center gap-2">
        <input type="checkbox" className="size-4 accent-accent" checked={all} disabled={disabled} onChange={(e) => onChange(e.target.checked ? null : [])} />
        All events
      </label>
      {!all && (
        <div className="mt-2 grid gap-x-4 gap-y-1.5 pl-6 sm:grid-cols-2">
          {WEBHOOK_EVENT_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="config__scopes"
                className="size-4 accent-accent"
                checked={value.includes(scope)}
                disabled={disabled}
                aria-invalid={error ? true : undefined}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              {SCOPE_LABELS[scope]}
            </label>
          ))}
        </div>
      )}
      {error && (
        <p id="scopes-error" className="mt-1 text-xs font-medium text-danger-text">
          Choose at least one kind of event, or all events.
        </p>
      )}
    </fieldset>
  );
}
