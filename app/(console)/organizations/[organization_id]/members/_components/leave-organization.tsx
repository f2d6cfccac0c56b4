"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Level } from "@/lib/auth/permissions";
import { leaveDenial } from "@/lib/auth/rules";
import { ReauthDialog } from "@/components/form/reauth-dialog";
import { useSensitiveAction } from "@/components/form/use-sensitive-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { removeMemberAction } from "../actions";
import { endSentence } from "@/lib/format/sentence";

/** Leaving (removing one's own membership); whoever may not (owners) is told what to do instead. */
export function LeaveOrganization({ organization, level }: { organization: { id: string; name: string }; level: Level }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const denial = leaveDenial(level);
  const { run, confirm } = useSensitiveAction(
    "leave-organization",
    () => removeMemberAction(organization.id, { user__uuid: "@me" }),
    (result) => {
      if (!result.ok) return toast(result.error.detail, "error");
      toast(endSentence(`You left ${organization.name}`));
      router.push("/");
      router.refresh();
    },
  );

  return (
    <>
      <Panel
        title="Leave organization"
        tone="danger"
        description={
          denial
            ? denial.hint
            : `You lose access to ${organization.name} at once. To come back, someone has to invite you again.`
        }
        footer={
          <Button variant="danger" disabled={denial !== null} pending={pending} onClick={() => setOpen(true)}>
            Leave {organization.name}
          </Button>
        }
      />
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => {
          setOpen(false);
          startTransition(() => run(undefined));
        }}
        title={`Leave ${organization.name}?`}
        description="You lose access to its settings, members and projects at once. To come back, someone has to invite you again."
        confirmLabel="Leave organization"
      />
      <ReauthDialog {...confirm} />
    </>
  );
}
