"use client";

import { useState, useTransition } from "react";
import type { ErrorBody } from "@/lib/errors";
import type { LegalDocument } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { deleteLegalDocumentAction } from "../actions";
import { documentLabel } from "./document-words";

type Props = { organizationId: string; document: LegalDocument | null; onClose: () => void; onDone: () => void };

/** What a failed delete says in the dialog: the cancellation case in full, any other problem as the API put it. */
function Problem({ error }: { error: ErrorBody }) {
  if (error.code !== "legal_document_void_failed") {
    return (
      <p role="alert" className="rounded-md border border-danger/40 bg-danger-bg px-3 py-2 text-danger-text">
        {error.detail}
      </p>
    );
  }
  return (
    <div role="alert" className="space-y-1 rounded-md border border-danger/40 bg-danger-bg px-3 py-2 text-danger-text">
      <p className="font-medium">The e-signature provider didn&apos;t cancel the signature request, so the document was kept.</p>
      <p>
        Deleting first withdraws the request, so that nobody can sign a document that no longer exists. Nothing has changed: try again in a moment,
        or contact support if this keeps happening.
      </p>
    </div>
  );
}

/**
 * Deleting a document waiting for signature, after confirmation; the provider's refusal to cancel is explained with a
 * Retry. A signed document gets the reason it stays instead of a delete button.
 */
export function DeleteDocumentDialog({ organizationId, document, onClose, onDone }: Props) {
  const toast = useToast();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [pending, startTransition] = useTransition();
  const name = document ? documentLabel(document) : "document";
  const signed = document?.status === "signed";

  function close() {
    setError(null);
    onClose();
  }

  function remove() {
    if (!document) return;
    startTransition(async () => {
      const result = await deleteLegalDocumentAction(organizationId, { id: document.id });
      if (!result.ok) {
        setError(result.error);
        // A 404 or 403 means the list is out of date (deleted or signed meanwhile): show it as it is now.
        if (result.error.code !== "legal_document_void_failed") onDone();
        return;
      }
      setError(null);
      onClose();
      onDone();
      toast(`${name} was deleted. You can generate a new ${document.document_type}.`);
    });
  }

  if (signed) {
    return (
      <Dialog open={document !== null} onClose={close} title={`${name} can't be deleted`}>
        <p>A signed agreement stays on record, so it can&apos;t be deleted here. Contact support if you need a signed record removed.</p>
        <DialogActions>
          <Button onClick={close} autoFocus>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  const voidFailed = error?.code === "legal_document_void_failed";
  return (
    <Dialog
      open={document !== null}
      onClose={close}
      title={`Delete ${name}?`}
      description={`The signing link sent to ${document?.representative_email ?? "the representative"} stops working, and you can generate a new ${document?.document_type ?? "document"} afterwards.`}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          remove();
        }}
      >
        {error && <Problem error={error} />}
        <DialogActions>
          <Button onClick={close} autoFocus={!error}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={pending}>
            {voidFailed ? "Retry" : "Delete document"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
