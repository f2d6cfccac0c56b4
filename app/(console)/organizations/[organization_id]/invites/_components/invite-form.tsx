"use client";

import { useState } from "react";
import { LEVEL_NAMES, LEVELS, type Level } from "@/lib/auth/permissions";
import { inviteLevelDenial } from "@/lib/auth/rules";
import { createInviteInput } from "@/lib/schemas/invites";
import { CheckboxField, FormError, SelectField, TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { createInviteAction } from "../actions";
import { invitedMessage, useInvitesRefresh } from "./use-invites-refresh";

const EMPTY = { target_email: "", first_name: "", level: "1", message: "", send_email: true };

/** Every level, those the viewer may not invite at disabled (nobody invites above themselves). */
const levelOptions = (viewerLevel: Level) =>
  LEVELS.map((level) => ({ value: String(level), label: LEVEL_NAMES[level], disabled: inviteLevelDenial(viewerLevel, level) !== null }));

/** Invites one person: address, level (up to the viewer's own), an optional first name and message. */
export function InviteForm({ organizationId, viewerLevel }: { organizationId: string; viewerLevel: Level }) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organizationId);
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));
  const { formRef, errors, pending, submit } = useFormAction({
    schema: createInviteInput,
    action: (input) => createInviteAction(organizationId, input),
    onSuccess: (invite) => {
      toast(invitedMessage(invite.target_email, invite.emailing_attempt_made));
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
        submit({ ...values, level: Number(values.level) as Level, message: values.message.trim() || null });
      }}
    >
      <Panel
        title="Invite someone"
        description="They get an email with a link that is valid for three days, and join at the level you choose."
        footer={
          <Button type="submit" variant="primary" pending={pending}>
            Send invitation
          </Button>
        }
      >
        <div className="space-y-4">
          <FormError message={errors.form} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Email address" name="target_email" type="email" autoComplete="off" required value={values.target_email} onChange={(e) => set("target_email", e.target.value)} error={errors.target_email} />
            <TextField label="First name (optional)" name="first_name" maxLength={30} value={values.first_name} onChange={(e) => set("first_name", e.target.value)} error={errors.first_name} />
          </div>
          <SelectField
            label="Level"
            name="level"
            className="max-w-xs"
            options={levelOptions(viewerLevel)}
            value={values.level}
            onChange={(e) => set("level", e.target.value)}
            hint="Up to your own level. Admins manage members and settings; owners can also delete the organization."
            error={errors.level}
          />
          <TextAreaField label="Message (optional)" name="message" maxLength={1000} value={values.message} onChange={(e) => set("message", e.target.value)} hint="Included in the email." error={errors.message} />
          <CheckboxField label="Send the invitation by email" name="send_email" checked={values.send_email} onChange={(e) => set("send_email", e.target.checked)} hint="Without it, copy the link from the list below and share it yourself." />
        </div>
      </Panel>
    </form>
  );
}
