"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { deleteTarget, type IdpTarget } from "./idp-target";
import { useDomainsRefresh } from "./use-domains-refresh";

type Props = {
  target: IdpTarget;
  /** "domain" or "identity provider": in the panel's words. */
  noun: string;
  name: string;
  consequence: string;
  /** Where to go once it is gone. */
  back: string;
};

/** Deleting a domain or a shared identity provider, after a confirmation that says what stops working. */
export function DeletePanel({ target, noun, name, consequence, back }: Props) {
  const refresh = useDomainsRefresh(target.organizationId);
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function confirm() {
    startTransition(async () => {
      const result = await deleteTarget(target);
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      setOpen(false);
      toast(`${name} was deleted.`);
      refresh(back);
    });
  }
  return (
    <>
      <Panel
        title={`Delete ${noun}`}
        tone="danger"
        description={consequence}
        footer={
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete {noun}
          </Button>
        }
      />
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={confirm} pending={pending} title={`Delete ${name}?`} description={consequence} confirmLabel={`Delete this ${noun}`} />
    </>
  );
}
