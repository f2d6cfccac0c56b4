"use client";

import { useState } from "react";
import { z } from "zod";
import { identityProviderFields } from "@/lib/schemas/domains";
import { FormPanel } from "@/components/form/action-form";
import { CheckboxField, TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import type { SamlValues } from "./domain-words";
import { saveTarget, type IdpTarget } from "./idp-target";
import { useDomainsRefresh } from "./use-domains-refresh";

const samlInput = z.object({
  saml_entity_id: identityProviderFields.saml_entity_id,
  saml_acs_url: identityProviderFields.saml_acs_url,
  saml_x509_cert: identityProviderFields.saml_x509_cert,
  saml_allow_idp_initiated: identityProviderFields.saml_allow_idp_initiated,
});

const blankIsNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The identity provider's side of a SAML connection, as its admin console shows it; blank fields clear it. */
export function SamlForm({ target, values, canEdit, note }: { target: IdpTarget; values: SamlValues; canEdit: boolean; note?: string | false }) {
  const refresh = useDomainsRefresh(target.organizationId);
  const [entityId, setEntityId] = useState(values.saml_entity_id ?? "");
  const [signOnUrl, setSignOnUrl] = useState(values.saml_acs_url ?? "");
  const [certificate, setCertificate] = useState(values.saml_x509_cert ?? "");
  const [idpInitiated, setIdpInitiated] = useState(values.saml_allow_idp_initiated);
  const form = useFormAction({
    schema: samlInput,
    action: (input) => saveTarget(target, input),
    success: "SAML settings saved.",
    onSuccess: () => refresh(),
  });
  const input = { saml_entity_id: blankIsNull(entityId), saml_acs_url: blankIsNull(signOnUrl), saml_x509_cert: blankIsNull(certificate), saml_allow_idp_initiated: idpInitiated };
  const changed = (Object.keys(input) as (keyof SamlValues)[]).some((k) => input[k] !== values[k]);

  return (
    <FormPanel
      title="SAML identity provider"
      description={note || "What your identity provider tells you about itself."}
      form={form}
      readOnly={!canEdit}
      submitLabel="Save SAML settings"
      canSubmit={changed}
      onSubmit={() => form.submit(input)}
    >
      <TextField
        label="Identity provider entity ID"
        name="saml_entity_id"
        value={entityId}
        onChange={(e) => setEntityId(e.target.value)}
        error={form.errors.saml_entity_id}
        hint="Also called issuer, for example http://www.okta.com/exk1ab2cd."
        disabled={!canEdit}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label="Identity provider sign-on URL"
        name="saml_acs_url"
        type="url"
        value={signOnUrl}
        onChange={(e) => setSignOnUrl(e.target.value)}
        error={form.errors.saml_acs_url}
        hint="Where people are sent to sign in (single sign-on URL, SSO URL)."
        disabled={!canEdit}
        autoComplete="off"
        spellCheck={false}
      />
      <TextAreaField
        label="Identity provider certificate"
        name="saml_x509_cert"
        rows={6}
        className="[&_textarea]:font-mono [&_textarea]:text-xs"
        value={certificate}
        onChange={(e) => setCertificate(e.target.value)}
        error={form.errors.saml_x509_cert}
        hint="The X.509 signing certificate in PEM form, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."
        disabled={!canEdit}
        spellCheck={false}
      />
      <CheckboxField
        label="Accept sign-ins started at the identity provider"
        name="saml_allow_idp_initiated"
        checked={idpInitiated}
        onChange={(e) => setIdpInitiated(e.target.checked)}
        error={form.errors.saml_allow_idp_initiated}
        hint="Lets people open the app from their identity provider's dashboard. Off, sign-in must start here."
        disabled={!canEdit}
      />
    </FormPanel>
  );
}
