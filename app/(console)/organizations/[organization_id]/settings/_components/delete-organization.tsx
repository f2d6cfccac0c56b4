"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { deleteOrganizationAction } from "../actions";

/** The owner's way out: deleting the organization and all it owns, after typing its name. */
export function DeleteOrganization({ organization }: { organization: { id: string; name: string } }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  function remove() {
    startTransition(async () => {
      const result = await deleteOrganizationAction(organization.id, {});
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      setOpen(false);
      toast(`${organization.name} was deleted.`);
      router.push("/");
      router.refresh();
    });
  }

  return (
    <>
      <Panel
        title="Delete organization"
        tone="danger"
        description="Deletes the organization for everyone, with its memberships, invitations and activity log. This cannot be undone."
        footer={
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete organization
          </Button>
        }
      />
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={remove}
        pending={pending}
        title={`Delete ${organization.name}?`}
        description="Every member loses access at once, and everything the organization owns is deleted. This cannot be undone."
        confirmLabel="Delete this organization"
        typeToConfirm={{ label: `Type ${organization.name} to confirm`, value: organization.name }}
      />
    </>
  );
}
