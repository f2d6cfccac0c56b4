"use client";

import { useState, useTransition } from "react";
import type { Domain } from "@/lib/query/types";
import { SSO_ENFORCEMENT_VALUES, updateDomainInput, type SsoEnforcement } from "@/lib/schemas/domains";
import { FormPanel } from "@/components/form/action-form";
import { CheckboxField, SelectField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { useToast } from "@/components/ui/toast";
import { previewSsoLockoutAction, updateDomainAction } from "../actions";
import { ENFORCEMENT_LABELS, VERIFY_FIRST } from "./domain-words";
import { LockoutDialog, type Lockout } from "./lockout-dialog";
import { useDomainsRefresh } from "./use-domains-refresh";

const OPTIONS = SSO_ENFORCEMENT_VALUES.map((value) => ({ value, label: ENFORCEMENT_LABELS[value] }));

/**
 * Just-in-time provisioning and required single sign-on for one domain, both waiting for verification. Requiring a
 * sign-in method first shows who it would lock out.
 */
export function SignInPanel({ organizationId, domain, canEdit }: { organizationId: string; domain: Domain; canEdit: boolean }) {
  const refresh = useDomainsRefresh(organizationId);
  const toast = useToast();
  const [jit, setJit] = useState(domain.jit_provisioning_enabled);
  const [enforcement, setEnforcement] = useState<SsoEnforcement>(domain.sso_enforcement);
  const [lockout, setLockout] = useState<Lockout | null>(null);
  const [previewing, startPreview] = useTransition();
  const form = useFormAction({
    schema: updateDomainInput,
    action: (input) => updateDomainAction(organizationId, { id: domain.id, ...input }),
    success: "Sign-in settings saved.",
    onSuccess: () => refresh(),
  });
  const locked = !domain.is_verified;
  const disabled = !canEdit || locked;
  const input = {
    ...(jit !== domain.jit_provisioning_enabled && { jit_provisioning_enabled: jit }),
    ...(enforcement !== domain.sso_enforcement && { sso_enforcement: enforcement }),
  };

  function save() {
    if (input.sso_enforcement === undefined || input.sso_enforcement === "") return form.submit(input);
    startPreview(async () => {
      const result = await previewSsoLockoutAction(organizationId, { domain_id: domain.id, sso_enforcement: enforcement });
      if (result.ok) setLockout(result.data);
      else toast(result.error.detail, "error");
    });
  }

  const reason = locked ? VERIFY_FIRST : undefined;
  return (
    <>
      <FormPanel
        title="Sign-in"
        description="How people with an address at this domain join and sign in."
        form={{ ...form, pending: form.pending || previewing }}
        readOnly={!canEdit}
        submitLabel="Save sign-in settings"
        canSubmit={!locked && Object.keys(input).length > 0}
        onSubmit={save}
      >
        <CheckboxField
          role="switch"
          label="Just-in-time provisioning"
          name="jit_provisioning_enabled"
          checked={jit}
          onChange={(e) => setJit(e.target.checked)}
          disabled={disabled}
          error={form.errors.jit_provisioning_enabled}
          hint={reason ?? "People of this domain who sign in join this organization as members, without an invitation."}
        />
        <SelectField
          label="Require single sign-on"
          name="sso_enforcement"
          options={OPTIONS}
          value={enforcement}
          onChange={(e) => setEnforcement(e.target.value as SsoEnforcement)}
          disabled={disabled}
          error={form.errors.sso_enforcement}
          hint={reason ?? (enforcement === "saml" && !domain.has_saml ? "SAML is not set up yet: fill in the identity provider below first, or nobody can sign in." : "People of this domain may then sign in to this organization only this way.")}
        />
      </FormPanel>
      <LockoutDialog
        lockout={lockout}
        method={ENFORCEMENT_LABELS[enforcement].replace(/ \(.*\)$/, "")}
        onClose={() => setLockout(null)}
        onConfirm={() => {
          // The answer (saved, or the error at its field) shows on the panel, which the dialog would hide.
          setLockout(null);
          form.submit(input);
        }}
      />
    </>
  );
}
