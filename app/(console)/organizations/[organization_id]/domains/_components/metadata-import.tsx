"use client";

import { useState } from "react";
import { z } from "zod";
import { DialogForm } from "@/components/form/action-form";
import { TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { importSamlMetadataAction } from "../actions";
import { useDomainsRefresh } from "./use-domains-refresh";

/** One of the two, not both: the form says so before asking the server. */
const importInput = z
  .object({ id: z.string(), metadata_xml: z.string().optional(), metadata_url: z.string().optional() })
  .refine((input) => Boolean(input.metadata_xml) !== Boolean(input.metadata_url), { message: "Paste the metadata or give its URL (one of the two).", path: ["metadata_xml"] });

/** "Import from metadata": the identity provider's metadata XML, pasted or fetched from its URL, fills the SAML form. */
export function MetadataImport({ organizationId, domainId }: { organizationId: string; domainId: string }) {
  const refresh = useDomainsRefresh(organizationId);
  const [open, setOpen] = useState(false);
  const [xml, setXml] = useState("");
  const [url, setUrl] = useState("");
  const form = useFormAction({
    schema: importInput,
    action: (input) => importSamlMetadataAction(organizationId, input),
    success: "SAML settings imported from the metadata.",
    onSuccess: () => {
      close();
      refresh();
    },
  });
  function close() {
    setXml("");
    setUrl("");
    form.reset();
    setOpen(false);
  }
  const input = { id: domainId, ...(xml.trim() && { metadata_xml: xml.trim() }), ...(url.trim() && { metadata_url: url.trim() }) };
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Import from metadata
      </Button>
      <Dialog
        open={open}
        onClose={close}
        size="lg"
        title="Import from identity provider metadata"
        description="The entity ID, sign-on URL and certificate are read from it and replace the current ones."
        closeWarning={xml || url ? "The metadata you entered will be lost." : null}
      >
        <DialogForm form={form} submitLabel="Import" onCancel={close} onSubmit={() => form.submit(input)}>
          <TextField
            label="Metadata URL"
            name="metadata_url"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={form.errors.metadata_url}
            hint="Where your identity provider publishes it (https)."
            autoComplete="off"
            spellCheck={false}
          />
          <TextAreaField
            label="Or paste the metadata XML"
            name="metadata_xml"
            rows={8}
            className="[&_textarea]:font-mono [&_textarea]:text-xs"
            value={xml}
            onChange={(e) => setXml(e.target.value)}
            error={form.errors.metadata_xml}
            spellCheck={false}
          />
        </DialogForm>
      </Dialog>
    </>
  );
}
