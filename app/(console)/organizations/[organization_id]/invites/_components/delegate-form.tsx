"use client";

import { useState } from "react";
import { delegateInviteInput } from "@/lib/schemas/invites";
import { FormError, TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { delegateInviteAction } from "../actions";
import { useInvitesRefresh } from "./use-invites-refresh";
import { endSentence } from "@/lib/format/sentence";

const EMPTY = { target_email: "", message: "" };

type Props = { organization: { id: string; name: string }; canDelegate: boolean };

/**
 * Delegating setup: an administrator invitation flagged as "finish setting up this organization". One per person who
 * asks: asking someone else replaces the older request, asking the same address again re-sends it. Admins and owners
 * only (the level ceiling, `canDelegate`), so members see it disabled with the reason.
 */
export function DelegateForm({ organization, canDelegate }: Props) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organization.id);
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const { formRef, errors, pending, submit } = useFormAction({
    schema: delegateInviteInput,
    action: (input) => delegateInviteAction(organization.id, input),
    onSuccess: (invite) => {
      toast(
        invite.emailing_attempt_made
          ? endSentence(`Asked ${invite.target_email} to finish setting up ${organization.name}`)
          : `Setup invitation created for ${invite.target_email}, without an email: copy its link from the list to share it.`,
      );
      setValues(EMPTY);
      void refresh();
    },
  });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit({ target_email: values.target_email, message: values.message.trim() || null });
      }}
    >
      <Panel
        title="Ask someone else to set up"
        description={
          canDelegate
            ? `Invite a colleague as an administrator to finish setting up ${organization.name}. Asking someone new replaces your earlier request; asking the same person again re-sends it.`
            : `Only admins and owners can ask someone else to set up ${organization.name}, because that person joins as an administrator.`
        }
        footer={
          <Button type="submit" pending={pending} disabled={!canDelegate}>
            Ask to set up
          </Button>
        }
      >
        <fieldset disabled={!canDelegate} className="space-y-4">
          <legend className="sr-only">Who should finish setting up {organization.name}</legend>
          <FormError message={errors.form} />
          <TextField label="Their email address" name="target_email" type="email" autoComplete="off" required className="max-w-sm" value={values.target_email} onChange={(e) => set("target_email", e.target.value)} error={errors.target_email} />
          <TextAreaField label="Note to them (optional)" name="message" maxLength={1000} value={values.message} onChange={(e) => set("message", e.target.value)} hint="Included in the email, for example what is left to do." error={errors.message} />
        </fieldset>
      </Panel>
    </form>
  );
}
