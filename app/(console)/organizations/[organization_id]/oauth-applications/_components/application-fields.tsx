"use client";

import { MAX_REDIRECT_URIS } from "@/lib/schemas/oauth-applications";
import { TextAreaField, TextField } from "@/components/form/field";
import type { FieldErrors } from "@/components/form/use-form-action";

/** What the form holds: the name, and the redirect URIs as typed, one per line. */
export type ApplicationDraft = { name: string; uris: string };

export const EMPTY_DRAFT: ApplicationDraft = { name: "", uris: "" };

/** The form's values on the wire: URIs split on any whitespace, as the API stores them. */
export const wireOf = (draft: ApplicationDraft) => ({ name: draft.name, redirect_uris_list: draft.uris.split(/\s+/).filter(Boolean) });

type Props = { draft: ApplicationDraft; onChange: (draft: ApplicationDraft) => void; errors: FieldErrors };

/** The name and redirect URIs of an application, for registering it and for changing it. */
export function ApplicationFields({ draft, onChange, errors }: Props) {
  return (
    <>
      <TextField
        label="Name"
        name="name"
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
        error={errors.name}
        hint="Shown to people when the app asks to sign them in."
        autoComplete="off"
        maxLength={255}
      />
      <TextAreaField
        label="Redirect URIs"
        name="redirect_uris_list"
        value={draft.uris}
        onChange={(e) => onChange({ ...draft, uris: e.target.value })}
        error={errors.redirect_uris_list}
        hint={`One per line, at most ${MAX_REDIRECT_URIS}: https, or http on localhost, 127.0.0.1 or [::1]; no #fragment.`}
        rows={4}
        spellCheck={false}
        autoComplete="off"
      />
    </>
  );
}
