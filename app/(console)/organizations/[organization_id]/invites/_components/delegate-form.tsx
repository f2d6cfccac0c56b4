"use client";

import { useState } from "react";
import { delegateInviteInput } from "@/lib/schemas/invites";
import { DialogForm } from "@/components/form/action-form";
import { TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { useToast } from "@/components/ui/toast";
import { delegateInviteAction } from "../actions";
import { delegatedMessage, NO_EMAIL_NOTE } from "./invite-words";
import { useInvitesRefresh } from "./use-invites-refresh";

const EMPTY = { target_email: "", message: "" };

type Props = { organization: { id: string; name: string }; canDelegate: boolean; emailConfigured: boolean; onCancel: () => void };

/**
 * Delegating setup: an administrator invitation flagged as "finish setting up this organization". One per person who
 * asks: asking someone else replaces the older request, asking the same address again re-sends it. Admins and owners
 * only (the level ceiling, `canDelegate`), so members see it disabled with the reason.
 */
export function DelegateForm({ organization, canDelegate, emailConfigured, onCancel }: Props) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organization.id);
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const form = useFormAction({
    schema: delegateInviteInput,
    action: (input) => delegateInviteAction(organization.id, input),
    onSuccess: (invite) => {
      toast(delegatedMessage(invite.target_email, organization.name, { emailed: invite.emailing_attempt_made, emailConfigured }));
      setValues(EMPTY);
      void refresh();
    },
  });

  return (
    <DialogForm form={form} onSubmit={() => form.submit({ target_email: values.target_email, message: values.message.trim() || null })} onCancel={onCancel} submitLabel="Ask to set up" canSubmit={canDelegate}>
      <p className="text-muted">
        {canDelegate
          ? `Invite a colleague as an administrator to finish setting up ${organization.name}. Asking someone new replaces your earlier request; asking the same person again re-sends it.`
          : `Only admins and owners can ask someone else to set up ${organization.name}, because that person joins as an administrator.`}
      </p>
      <fieldset disabled={!canDelegate} className="space-y-4">
        <legend className="sr-only">Who should finish setting up {organization.name}</legend>
        <TextField label="Their email address" name="target_email" type="email" autoComplete="off" required className="max-w-sm" value={values.target_email} onChange={(e) => set("target_email", e.target.value)} error={form.errors.target_email} />
        <TextAreaField label="Note to them (optional)" name="message" maxLength={1000} value={values.message} onChange={(e) => set("message", e.target.value)} hint="Included in the email, for example what is left to do." error={form.errors.message} />
        {!emailConfigured && <p className="text-muted">{NO_EMAIL_NOTE}</p>}
      </fieldset>
    </DialogForm>
  );
}
