"use client";

import { useState } from "react";
import { LEVEL_NAMES, LEVELS, type Level } from "@/lib/auth/permissions";
import { inviteLevelDenial } from "@/lib/auth/rules";
import { canonicalEmail } from "@/lib/schemas/common";
import { createInviteInput } from "@/lib/schemas/invites";
import { DialogForm } from "@/components/form/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { useToast } from "@/components/ui/toast";
import { createInviteAction, resendInviteAction } from "../actions";
import { invitedMessage, NO_EMAIL_NOTE, resentMessage } from "./invite-words";
import { ReinviteChoice } from "./reinvite-choice";
import { useInvitesRefresh } from "./use-invites-refresh";
import { usePendingInvites } from "./use-pending-invites";

const EMPTY = { target_email: "", first_name: "", level: "1", message: "", send_email: true };

/** Every level, those the viewer may not invite at disabled (nobody invites above themselves). */
const levelOptions = (viewerLevel: Level) =>
  LEVELS.map((level) => ({ value: String(level), label: LEVEL_NAMES[level], disabled: inviteLevelDenial(viewerLevel, level) !== null }));

type Props = { organizationId: string; viewerLevel: Level; emailConfigured: boolean; onCancel: () => void };

/**
 * Invites one person: address, level (up to the viewer's own), an optional first name and message. An address that
 * already has a pending invitation is marked, and resending that invitation is the default: inviting again would
 * replace the link they have.
 */
export function InviteForm({ organizationId, viewerLevel, emailConfigured, onCancel }: Props) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organizationId);
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));
  const email = canonicalEmail(values.target_email.trim());
  const lookup = usePendingInvites(organizationId, [values.target_email]);
  const existing = email ? lookup.pending.get(email) : undefined;
  // Replacing a live link is chosen per address; any other address starts again from resending.
  const [replaceFor, setReplaceFor] = useState<string | null>(null);
  const mode = existing ? (replaceFor === email ? "replace" : "resend") : "create";
  // A resend sends the invitation as it was: nothing else in the form applies to it.
  const resending = mode === "resend";

  const form = useFormAction({
    schema: createInviteInput,
    action: (input) => (resending && existing ? resendInviteAction(organizationId, { id: existing.id }) : createInviteAction(organizationId, input)),
    onSuccess: (invite) => {
      const delivery = { emailed: invite.emailing_attempt_made, emailConfigured };
      toast(resending ? resentMessage(invite.target_email, delivery) : invitedMessage(invite.target_email, delivery));
      setValues(EMPTY);
      setReplaceFor(null);
      void refresh();
    },
  });

  async function onSubmit() {
    // A submit that comes before the lookup has answered shows the mark first instead of replacing a link unseen.
    if (email && (await lookup.confirm()) === "look") return;
    form.submit({ ...values, level: Number(values.level) as Level, message: values.message.trim() || null });
  }

  return (
    <DialogForm form={form} onSubmit={() => void onSubmit()} onCancel={onCancel} submitLabel={resending ? "Resend invitation" : mode === "replace" ? "Invite again" : "Send invitation"}>
      <p className="text-muted">They get an email with a link that is valid for three days, and join at the level you choose.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Email address" name="target_email" type="email" autoComplete="off" required value={values.target_email} onChange={(e) => set("target_email", e.target.value)} error={form.errors.target_email} />
        <TextField label="First name (optional)" name="first_name" maxLength={30} disabled={resending} value={values.first_name} onChange={(e) => set("first_name", e.target.value)} error={form.errors.first_name} />
      </div>
      {existing && <ReinviteChoice invite={existing} value={mode === "replace" ? "replace" : "resend"} onChange={(choice) => setReplaceFor(choice === "replace" ? email : null)} />}
      <SelectField
        label="Level"
        name="level"
        className="max-w-xs"
        options={levelOptions(viewerLevel)}
        disabled={resending}
        value={values.level}
        onChange={(e) => set("level", e.target.value)}
        hint="Up to your own level. Admins manage members and settings; owners can also delete the organization."
        error={form.errors.level}
      />
      <TextAreaField label="Message (optional)" name="message" maxLength={1000} disabled={resending} value={values.message} onChange={(e) => set("message", e.target.value)} hint="Included in the email." error={form.errors.message} />
      <CheckboxField
        label="Send the invitation by email"
        name="send_email"
        checked={values.send_email || resending}
        disabled={resending}
        onChange={(e) => set("send_email", e.target.checked)}
        hint={emailConfigured ? "Without it, copy the link from the Invites list and share it yourself." : NO_EMAIL_NOTE}
      />
    </DialogForm>
  );
}
