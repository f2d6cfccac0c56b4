"use client";

import { useState } from "react";
import { createDomainInput } from "@/lib/schemas/domains";
import { DialogForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { createDomainAction } from "../actions";
import { useDomainsRefresh } from "./use-domains-refresh";

/** "Add domain": claims it, then opens its page, where the DNS record to create is shown. */
export function AddDomainButton({ organizationId }: { organizationId: string }) {
  const refresh = useDomainsRefresh(organizationId);
  const [open, setOpen] = useState(false);
  const [domain, setDomain] = useState("");
  const form = useFormAction({
    schema: createDomainInput,
    action: (input) => createDomainAction(organizationId, input),
    success: "Domain added. Create its DNS record to verify it.",
    onSuccess: (created) => {
      close();
      refresh(`/organizations/${organizationId}/domains/${created.id}`);
    },
  });
  function close() {
    setDomain("");
    form.reset();
    setOpen(false);
  }
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Add domain
      </Button>
      <Dialog open={open} onClose={close} title="Add domain" description="People whose email address is at this domain can then be signed in through your identity provider.">
        <DialogForm form={form} submitLabel="Add domain" onCancel={close} onSubmit={() => form.submit({ domain: domain.trim().toLowerCase() })}>
          <TextField
            label="Domain"
            name="domain"
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
            error={form.errors.domain}
            hint="For example example.com or eu.example.com. You prove it is yours with a DNS record next."
            autoComplete="off"
            spellCheck={false}
            maxLength={128}
          />
        </DialogForm>
      </Dialog>
    </>
  );
}
