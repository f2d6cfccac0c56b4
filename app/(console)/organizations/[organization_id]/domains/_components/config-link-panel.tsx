"use client";

import Link from "next/link";
import { useState } from "react";
import { z } from "zod";
import { FormPanel } from "@/components/form/action-form";
import { SelectField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { updateDomainAction } from "../actions";
import { useDomainsRefresh } from "./use-domains-refresh";

const linkInput = z.object({ identity_provider_config: z.string().nullable() });

type Props = { organizationId: string; domainId: string; linked: string | null; configs: { id: string; name: string }[]; canEdit: boolean };

/** Links the domain to one of the organization's shared identity providers, whose SAML settings it then takes. */
export function ConfigLinkPanel({ organizationId, domainId, linked, configs, canEdit }: Props) {
  const refresh = useDomainsRefresh(organizationId);
  const [chosen, setChosen] = useState(linked ?? "");
  const form = useFormAction({
    schema: linkInput,
    action: (input) => updateDomainAction(organizationId, { id: domainId, ...input }),
    success: "Identity provider link saved.",
    onSuccess: () => refresh(),
  });
  const options = [{ value: "", label: "None: this domain's own settings" }, ...configs.map((c) => ({ value: c.id, label: c.name || "Unnamed identity provider" }))];
  return (
    <FormPanel
      title="Shared identity provider"
      description={
        <>
          Linking copies the identity provider&apos;s SAML settings to this domain. Manage them under{" "}
          <Link href={`/organizations/${organizationId}/domains`} className="text-accent-text underline">
            shared identity providers
          </Link>
          .
        </>
      }
      form={form}
      readOnly={!canEdit}
      submitLabel="Save link"
      canSubmit={chosen !== (linked ?? "")}
      onSubmit={() => form.submit({ identity_provider_config: chosen || null })}
    >
      <SelectField
        label="Identity provider"
        name="identity_provider_config"
        options={options}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        error={form.errors.identity_provider_config}
        disabled={!canEdit}
      />
    </FormPanel>
  );
}
