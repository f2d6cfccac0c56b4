"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { LegalDocument, ListPage } from "@/lib/query/types";
import { createLegalDocumentInput, LEGAL_DOCUMENT_TYPE_NAMES, type LegalDocumentTypeName } from "@/lib/schemas/legal-documents";
import { DialogForm } from "@/components/form/action-form";
import { TextAreaField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { createLegalDocumentAction } from "../actions";
import { typeTaken } from "./document-words";
import { useLegalDocumentsRefresh } from "./use-legal-documents-refresh";

const EMPTY = { document_type: "" as LegalDocumentTypeName | "", company_name: "", company_address: "", representative_email: "" };

/** The types in the order the form offers them: the DPA, which every organization may need, first. */
const OFFERED: LegalDocumentTypeName[] = ["DPA", "BAA"];

/** The documents that exist, by type: one of each type at most, so any page that holds them all will do. */
function useTakenTypes(organizationId: string) {
  const query = useQuery({
    queryKey: [...queryKeys.legalDocuments(organizationId), "taken"],
    queryFn: () => apiGet<ListPage<LegalDocument>>(`/api/organizations/${organizationId}/legal_documents/`, { limit: 100 }),
  });
  return new Map((query.data?.results ?? []).map((d) => [d.document_type, d]));
}

/** The type choice: a type the organization already has is disabled, with the reason under it. */
function TypeField({ value, onChange, taken, error }: { value: string; onChange: (v: LegalDocumentTypeName) => void; taken: Map<string, LegalDocument>; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-medium">Document</legend>
      <div className="mt-1.5 space-y-2">
        {OFFERED.map((type) => {
          const existing = taken.get(type);
          return (
            <div key={type} className="flex gap-2.5">
              <input
                id={`${id}-${type}`}
                type="radio"
                name="document_type"
                value={type}
                checked={value === type}
                disabled={existing !== undefined}
                onChange={() => onChange(type)}
                aria-describedby={`${id}-${type}-hint`}
                className="mt-0.5 size-4 shrink-0 accent-accent"
              />
              <div>
                <label htmlFor={`${id}-${type}`} className={`font-medium ${existing ? "text-muted" : ""}`}>
                  {LEGAL_DOCUMENT_TYPE_NAMES[type]}
                </label>
                <p id={`${id}-${type}-hint`} className="text-xs text-muted">
                  {existing
                    ? typeTaken(type, existing.status === "signed")
                    : type === "DPA"
                      ? "How this service processes personal data on your behalf (GDPR)."
                      : "For protected health information under HIPAA."}
                </p>
              </div>
            </div>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-danger-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "Generate document": a DPA or a BAA for the company and its representative, who is emailed a signing link. */
export function GenerateDocumentButton({ organizationId }: { organizationId: string }) {
  const refresh = useLegalDocumentsRefresh(organizationId);
  const toast = useToast();
  const taken = useTakenTypes(organizationId);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(EMPTY);
  const form = useFormAction({
    schema: createLegalDocumentInput,
    action: (input) => createLegalDocumentAction(organizationId, input),
    onSuccess: (created) => {
      close();
      void refresh();
      toast(`${created.document_type} sent for signature to ${created.representative_email}.`);
    },
  });
  const free = OFFERED.filter((type) => !taken.has(type));
  const set = (field: Exclude<keyof typeof EMPTY, "document_type">) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setDraft({ ...draft, [field]: e.target.value });
  function start() {
    setDraft({ ...EMPTY, document_type: free[0] ?? "" });
    setOpen(true);
  }
  function close() {
    setDraft(EMPTY);
    form.reset();
    setOpen(false);
  }
  return (
    <>
      <Button variant="primary" onClick={start}>
        Generate document
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Generate a legal document"
        description="The agreement is made out to your company and emailed to its representative, who reads it in full and signs it online."
      >
        <DialogForm
          form={form}
          submitLabel="Send for signature"
          canSubmit={draft.document_type !== ""}
          onCancel={close}
          onSubmit={() => form.submit({ ...draft, document_type: draft.document_type as LegalDocumentTypeName })}
        >
          {free.length === 0 && (
            <p role="note" className="rounded-md bg-warn-bg px-3 py-2 text-warn-text">
              Your organization already has both documents. Delete one that is not signed yet to generate it again.
            </p>
          )}
          <TypeField value={draft.document_type} onChange={(type) => setDraft({ ...draft, document_type: type })} taken={taken} error={form.errors.document_type} />
          <TextField label="Company name" name="company_name" value={draft.company_name} onChange={set("company_name")} error={form.errors.company_name} autoComplete="organization" maxLength={255} hint="The legal name of the company that signs, as it should appear in the agreement." />
          <TextAreaField label="Company address" name="company_address" value={draft.company_address} onChange={set("company_address")} error={form.errors.company_address} autoComplete="street-address" maxLength={512} />
          <TextField
            label="Representative's email address"
            name="representative_email"
            type="email"
            value={draft.representative_email}
            onChange={set("representative_email")}
            error={form.errors.representative_email}
            autoComplete="off"
            spellCheck={false}
            hint="The person who signs for the company. They get the signing link by email; it works for 14 days."
          />
        </DialogForm>
      </Dialog>
    </>
  );
}
