"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { Project } from "@/lib/query/types";
import { createProjectInput } from "@/lib/schemas/projects";
import { DialogForm } from "@/components/form/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";
import { createProjectAction } from "../actions";
import { localTimeZone, timeZoneOptions } from "./choices";

type Props = { organizationId: string; deniedReason: string | null };

/** "New project": a name, a time zone, private or not; then its secret API token, shown this once. */
export function NewProjectButton({ organizationId, deniedReason }: Props) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [timezone, setTimezone] = useState("UTC");
  const [isPrivate, setPrivate] = useState(false);
  const [created, setCreated] = useState<Project | null>(null);
  const form = useFormAction({
    schema: createProjectInput,
    action: (input) => createProjectAction(organizationId, input),
    success: "Project created.",
    onSuccess: (project) => {
      setCreated(project);
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects(organizationId) });
    },
  });
  function start() {
    setTimezone(localTimeZone());
    setOpen(true);
  }
  function close() {
    setName("");
    setPrivate(false);
    setCreated(null);
    form.reset();
    setOpen(false);
  }
  return (
    <>
      <div className="flex flex-col items-end gap-1">
        <Button variant="primary" onClick={start} disabled={deniedReason !== null} aria-describedby={deniedReason ? "new-project-denied" : undefined}>
          New project
        </Button>
        {deniedReason && (
          <p id="new-project-denied" className="text-xs text-muted">
            {deniedReason}
          </p>
        )}
      </div>
      <Dialog
        open={open}
        onClose={close}
        title={created ? `${created.name} is ready` : "New project"}
        description={created ? "Copy the secret API token now: it is not shown again." : "A project holds its own settings and API tokens."}
        closeWarning={created ? "The secret API token will not be shown again." : null}
      >
        {created ? (
          <div className="space-y-4">
            <SecretValue label="Secret API token" value={created.secret_api_token ?? ""} />
            <p className="text-muted">
              Its public token, <code className="font-mono text-xs">{created.api_token}</code>, stays on the project&apos;s settings page.
            </p>
            <DialogActions>
              <Button onClick={close}>Done</Button>
              <Link href={`/organizations/${organizationId}/projects/${created.id}`} className={buttonClass("primary")}>
                Open project settings
              </Link>
            </DialogActions>
          </div>
        ) : (
          <DialogForm form={form} submitLabel="Create project" onCancel={close} onSubmit={() => form.submit({ name: name.trim(), timezone, access_control: isPrivate })}>
            <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={200} autoComplete="off" />
            <SelectField
              label="Time zone"
              name="timezone"
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
              error={form.errors.timezone}
              options={timeZoneOptions()}
              hint="Days and weeks in the project's reports start in this zone."
            />
            <CheckboxField
              label="Private project"
              name="access_control"
              checked={isPrivate}
              onChange={(e) => setPrivate(e.target.checked)}
              error={form.errors.access_control}
              hint="Only admins and the people you give access can open it. You become its admin."
            />
          </DialogForm>
        )}
      </Dialog>
    </>
  );
}
