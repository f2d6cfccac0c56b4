"use client";

import { useState, useTransition } from "react";
import { DIRECTORY_PERMISSIONS, type DirectoryPermission } from "@/lib/auth/directory-permissions";
import type { ErrorBody } from "@/lib/errors";
import { DIRECTORY_PERMISSION_LABELS } from "@/components/directory/permission-words";
import { SelectField } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { explainDirectoryPermissionsAction } from "../actions";
import { holderInput, holderValue, useHolders } from "./use-holders";

type Explained = Extract<Awaited<ReturnType<typeof explainDirectoryPermissionsAction>>, { ok: true }>["data"];
type Source = Explained["grants"][number]["sources"][number];

/** One source of a permission, in words. */
function sourceWords(source: Source) {
  switch (source.kind) {
    case "role":
      return source.role === "operator" ? "The instance's operator" : `Built-in role: ${source.role}`;
    case "scim_group":
      return `Built-in role ${source.role}, set by the identity provider's group ${source.group}`;
    case "custom_role":
      return `Custom role: ${source.role}`;
    case "service_account":
      return "Granted to the service account itself";
  }
}

type Answer = { who: string; permission: DirectoryPermission; explained: Explained } | { error: ErrorBody };

/** "Why can X do Y": pick a member or service account and a permission; see whether they hold it and through what. */
export function WhyPanel({ organizationId }: { organizationId: string }) {
  const { holders, loading } = useHolders(organizationId);
  const [who, setWho] = useState("");
  const [permission, setPermission] = useState<DirectoryPermission>(DIRECTORY_PERMISSIONS[1]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [pending, startTransition] = useTransition();

  function explain() {
    if (!who) return;
    const label = holders.find((h) => holderValue(h) === who)?.label ?? "They";
    startTransition(async () => {
      const result = await explainDirectoryPermissionsAction(organizationId, holderInput(who));
      setAnswer(result.ok ? { who: label, permission, explained: result.data } : { error: result.error });
    });
  }

  return (
    <Panel title="Why can they do this?" description="What a member or service account holds in the directory API, and where each permission comes from.">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          explain();
        }}
      >
        <SelectField
          className="min-w-64 flex-1"
          label="Member or service account"
          name="who"
          value={who}
          disabled={loading}
          onChange={(e) => setWho(e.target.value)}
          options={[
            { value: "", label: loading ? "Loading…" : "Choose one" },
            ...holders.map((h) => ({ value: holderValue(h), label: `${h.label} (${h.kind === "membership" ? "member" : "service account"})` })),
          ]}
        />
        <SelectField
          className="min-w-56"
          label="Permission"
          name="permission"
          value={permission}
          onChange={(e) => setPermission(e.target.value as DirectoryPermission)}
          options={DIRECTORY_PERMISSIONS.map((p) => ({ value: p, label: `${DIRECTORY_PERMISSION_LABELS[p]} (${p})` }))}
        />
        <Button type="submit" variant="primary" pending={pending} disabled={!who}>
          Explain
        </Button>
      </form>
      <div aria-live="polite" className="mt-4">
        {answer && <AnswerView answer={answer} />}
      </div>
    </Panel>
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  if ("error" in answer) return <p className="text-danger-text">{answer.error.detail}</p>;
  const { who, permission, explained } = answer;
  const grant = explained.grants.find((g) => g.permission === permission);
  return (
    <div className="space-y-2" data-testid="why-answer">
      <p className="font-medium">
        {grant ? `${who} holds ${permission}` : `${who} does not hold ${permission}`}
        {!explained.active && <span className="font-normal text-muted"> (inactive: {grant ? "its tokens are refused while it is disabled" : "suspended or disabled"})</span>}
      </p>
      {grant ? (
        <>
          <p className="text-muted">It comes from:</p>
          <ul className="list-disc pl-5">
            {grant.sources.map((s, i) => (
              <li key={i}>{sourceWords(s)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-muted">
          {explained.grants.length > 0
            ? `What they hold: ${explained.grants.map((g) => g.permission).join(", ")}.`
            : "They hold no directory permission."}
        </p>
      )}
    </div>
  );
}
