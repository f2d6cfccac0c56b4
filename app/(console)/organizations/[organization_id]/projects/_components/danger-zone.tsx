"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Level } from "@/lib/auth/permissions";
import { projectAdminDenial } from "@/lib/auth/project-rules";
import { queryKeys } from "@/lib/query/keys";
import type { Project } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteProjectAction } from "../actions";
import { useProjectUpdate } from "./use-project";

type Props = { organizationId: string; project: Project; effective: Level | null };

/** A new secret API token (the one it replaces keeps working as the backup), shown once. */
function RotateSecret({ organizationId, project, denied }: { organizationId: string; project: Project; denied: string | null }) {
  const toast = useToast();
  const update = useProjectUpdate(organizationId, project.id);
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  function rotate() {
    update.mutate(
      { secret_api_token_action: "rotate" },
      {
        onSuccess: (rotated) => {
          setConfirming(false);
          setSecret(rotated.secret_api_token);
        },
        onError: (error) => {
          setConfirming(false);
          toast(error.message, "error");
        },
      },
    );
  }
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h3 className="font-medium">Rotate the secret API token</h3>
        <p className="mt-1 text-muted">Makes a new secret token. The current one keeps working as the backup until the next rotation.</p>
        {denied && <p className="mt-1 text-xs text-muted">{denied}</p>}
      </div>
      <Button onClick={() => setConfirming(true)} disabled={denied !== null}>
        Rotate secret token
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={rotate}
        pending={update.isPending}
        title="Rotate the secret API token?"
        description="The new token is shown once. Update the servers that use the current one before the next rotation."
        confirmLabel="Rotate secret token"
      />
      <SecretOnceDialog
        secret={secret}
        title="New secret API token"
        description="Copy it now: it is shown only this once."
        label="Secret API token"
        what="token"
        onClose={() => setSecret(null)}
      />
    </div>
  );
}

/** Deleting the project (it is removed in the background), after typing its name. */
function DeleteProject({ organizationId, project, denied }: { organizationId: string; project: Project; denied: string | null }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function remove() {
    startTransition(async () => {
      const result = await deleteProjectAction(organizationId, { id: String(project.id) });
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      setOpen(false);
      toast(`${project.name} is being deleted.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects(organizationId) });
      router.push(`/organizations/${organizationId}/projects`);
    });
  }
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h3 className="font-medium">Delete this project</h3>
        <p className="mt-1 text-muted">Its settings, tokens and access grants are deleted for everyone. This cannot be undone.</p>
        {denied && <p className="mt-1 text-xs text-muted">{denied}</p>}
      </div>
      <Button variant="danger" onClick={() => setOpen(true)} disabled={denied !== null}>
        Delete project
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={remove}
        pending={pending}
        title={`Delete ${project.name}?`}
        description="Its API tokens stop working at once. This cannot be undone."
        confirmLabel="Delete this project"
        typeToConfirm={{ label: `Type ${project.name} to confirm`, value: project.name }}
      />
    </div>
  );
}

/** What only project admins do: rotate the secret token, delete the project. */
export function DangerZone({ organizationId, project, effective }: Props) {
  const denied = projectAdminDenial(effective)?.hint ?? null;
  return (
    <Panel title="Danger zone" tone="danger">
      <div className="space-y-5">
        <RotateSecret organizationId={organizationId} project={project} denied={denied} />
        <DeleteProject organizationId={organizationId} project={project} denied={denied} />
      </div>
    </Panel>
  );
}
