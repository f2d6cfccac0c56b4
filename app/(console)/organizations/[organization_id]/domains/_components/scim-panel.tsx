"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { CopyValue } from "./copy-value";
import { regenerateToken, saveTarget, type IdpTarget } from "./idp-target";
import { ScimTokenDialog } from "./scim-token-dialog";
import { useDomainsRefresh } from "./use-domains-refresh";

type Props = {
  target: IdpTarget;
  enabled: boolean;
  /** Where the SCIM client sends its requests. */
  baseUrl: string;
  canEdit: boolean;
  /** Why SCIM cannot be turned on yet (an unverified domain), in words. */
  blockedReason?: string | null;
};

/** SCIM provisioning: on (a token, shown once), a new token, or off (the token stops working). */
export function ScimPanel({ target, enabled, baseUrl, canEdit, blockedReason = null }: Props) {
  const refresh = useDomainsRefresh(target.organizationId);
  const toast = useToast();
  const [token, setToken] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"disable" | "regenerate" | null>(null);
  const [pending, startTransition] = useTransition();

  function act(run: () => Promise<{ ok: true; data: { scim_bearer_token: string | null } } | { ok: false; error: { detail: string } }>, done: string) {
    startTransition(async () => {
      const result = await run();
      setConfirm(null);
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      toast(done);
      if (result.data.scim_bearer_token) setToken(result.data.scim_bearer_token);
      refresh();
    });
  }

  const footer = canEdit && (
    <>
      {blockedReason && <p className="mr-auto text-muted">{blockedReason}</p>}
      {enabled ? (
        <>
          <Button onClick={() => setConfirm("regenerate")}>Regenerate SCIM token</Button>
          <Button variant="danger" onClick={() => setConfirm("disable")}>
            Disable SCIM
          </Button>
        </>
      ) : (
        <Button variant="primary" disabled={Boolean(blockedReason)} pending={pending} onClick={() => act(() => saveTarget(target, { scim_enabled: true }), "SCIM enabled.")}>
          Enable SCIM
        </Button>
      )}
    </>
  );

  return (
    <Panel
      title="SCIM provisioning"
      description="Your identity provider creates, updates and deactivates people here on its own, through SCIM 2.0."
      footer={footer}
    >
      <dl className="space-y-3">
        <div>
          <dt className="font-medium">Status</dt>
          <dd className="mt-1 text-muted">
            {enabled ? "On: the token shown when it was turned on works until it is regenerated or SCIM is turned off." : "Off: the base URL answers once SCIM is on."}
          </dd>
        </div>
        <CopyValue label="SCIM base URL" value={baseUrl} />
      </dl>
      <ScimTokenDialog token={token} baseUrl={baseUrl} onClose={() => setToken(null)} />
      <ConfirmDialog
        open={confirm === "regenerate"}
        onClose={() => setConfirm(null)}
        onConfirm={() => act(() => regenerateToken(target), "New SCIM token made.")}
        pending={pending}
        title="Regenerate the SCIM token?"
        description="The current token stops working at once: give the new one to your identity provider."
        confirmLabel="Regenerate token"
      />
      <ConfirmDialog
        open={confirm === "disable"}
        onClose={() => setConfirm(null)}
        onConfirm={() => act(() => saveTarget(target, { scim_enabled: false }), "SCIM disabled.")}
        pending={pending}
        title="Disable SCIM?"
        description="The token stops working at once and your identity provider can no longer provision people. People already provisioned stay."
        confirmLabel="Disable SCIM"
      />
    </Panel>
  );
}
