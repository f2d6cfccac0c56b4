"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage, OrganizationSummary, PersonalApiKey } from "@/lib/query/types";
import { MAX_KEYS_PER_USER } from "@/lib/schemas/personal-api-keys";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { useToast } from "@/components/ui/toast";
import { deletePersonalApiKeyAction, rollPersonalApiKeyAction } from "../actions";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyTable } from "./key-table";
import { SecretDialog, type Secret } from "./secret-dialog";

type Pending = { kind: "roll" | "delete"; key: PersonalApiKey } | null;

const ROLL_TEXT = (label: string) => ({
  title: `Roll ${label}?`,
  description: "The key gets a new secret value and the current one stops working at once. Update everything that uses it.",
  confirmLabel: "Roll key",
});
const DELETE_TEXT = (label: string) => ({
  title: `Delete ${label}?`,
  description: "Anything using this key stops working at once. This cannot be undone.",
  confirmLabel: "Delete key",
});

/** The personal API keys page: the list (React Query over the REST API) and every change to it. */
export function ApiKeysManager({ organizations }: { organizations: OrganizationSummary[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const keys = useQuery({
    queryKey: queryKeys.personalApiKeys(),
    queryFn: () => apiGet<ListPage<PersonalApiKey>>("/api/personal_api_keys/", { limit: MAX_KEYS_PER_USER }),
  });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [pending, startTransition] = useTransition();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.personalApiKeys() });
  const full = (keys.data?.count ?? 0) >= MAX_KEYS_PER_USER;

  function confirm() {
    if (!confirming) return;
    const { kind, key } = confirming;
    startTransition(async () => {
      const result = kind === "roll" ? await rollPersonalApiKeyAction(undefined, { id: key.id }) : await deletePersonalApiKeyAction(undefined, { id: key.id });
      setConfirming(null);
      await refresh();
      if (!result.ok) return toast(result.error.detail, "error");
      if (result.data) setSecret({ title: `New value of ${key.label}`, value: result.data.value });
      toast(kind === "roll" ? `${key.label} was rolled.` : `${key.label} was deleted.`);
    });
  }

  const newKey = (
    <Button variant="primary" onClick={() => setCreating(true)} disabled={full || keys.isPending}>
      New API key
    </Button>
  );

  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Personal API keys"
        description={`Keys act as you in the REST API (Authorization: Bearer …), within their scopes and organizations. You can have up to ${MAX_KEYS_PER_USER}.`}
        actions={newKey}
      />
      {full && <p className="mb-4 text-muted">You have {MAX_KEYS_PER_USER} keys, the most allowed. Delete one to create another.</p>}
      <KeyTable
        keys={keys.data?.results ?? []}
        status={
          keys.isPending
            ? { state: "loading" }
            : keys.isError
              ? { state: "error", message: keys.error.message }
              : keys.data.results.length === 0
                ? { state: "empty", title: "No API keys yet", action: newKey, body: "Create a key to call the REST API from scripts, CI or other tools. You will see its secret once, right after creating it." }
                : { state: "ready" }
        }
        organizations={organizations}
        onRoll={(key) => setConfirming({ kind: "roll", key })}
        onDelete={(key) => setConfirming({ kind: "delete", key })}
      />
      <CreateKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        organizations={organizations}
        onCreated={(label, value) => {
          void refresh();
          setSecret({ title: `Your new key ${label}`, value });
        }}
      />
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={confirm}
        pending={pending}
        {...(confirming?.kind === "delete" ? DELETE_TEXT : ROLL_TEXT)(confirming?.key.label ?? "key")}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
