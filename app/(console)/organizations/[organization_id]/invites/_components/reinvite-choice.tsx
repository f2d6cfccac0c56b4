"use client";

import { useId } from "react";
import type { Invite } from "@/lib/query/types";
import { alreadyInvited } from "./invite-words";

/** For an address with a pending invitation: send the same link again (the default), or replace it with a new one. */
export type Reinvite = "resend" | "replace";

export const REINVITE_OPTIONS: { value: Reinvite; label: string; hint: string }[] = [
  { value: "resend", label: "Resend their invitation", hint: "The same link, in a new email. Their level and message stay as they were." },
  { value: "replace", label: "Invite again with a new link", hint: "The link they have stops working; this form's level and message apply." },
];

/** The warning and the choice under an address that is already invited, in the one-person form. */
export function ReinviteChoice({ invite, value, onChange }: { invite: Invite; value: Reinvite; onChange: (value: Reinvite) => void }) {
  const id = useId();
  return (
    <fieldset aria-live="polite" className="space-y-2">
      <legend className="sr-only">What to do about the pending invitation of {invite.target_email}</legend>
      <p className="rounded-md bg-warn-bg px-3 py-2 font-medium text-warn-text">{alreadyInvited(invite.target_email, invite.created_at)}</p>
      <div className="space-y-1.5">
        {REINVITE_OPTIONS.map((option) => (
          <div key={option.value} className="flex gap-2.5">
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name="reinvite"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={`${id}-${option.value}-hint`}
              className="mt-0.5 size-4 shrink-0 accent-accent"
            />
            <div>
              <label htmlFor={`${id}-${option.value}`} className="font-medium">
                {option.label}
              </label>
              <p id={`${id}-${option.value}-hint`} className="text-xs text-muted">
                {option.hint}
              </p>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
