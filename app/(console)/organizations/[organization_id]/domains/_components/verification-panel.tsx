"use client";

import { useState, useTransition } from "react";
import type { Domain } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { verifyDomainAction } from "../actions";
import { CopyValue } from "./copy-value";
import { useDomainsRefresh } from "./use-domains-refresh";

/** What the page's server part reads about the record beyond the wire object. */
export type DnsStatus = { last_verification_retry: string | null; dns_checked_at: string | null; days_left: number | null };

type Props = { organizationId: string; domain: Domain; recordName: string; status: DnsStatus; canEdit: boolean };

function Unverified({ lastTry }: { lastTry: string | null }) {
  return (
    <p role="status" className="rounded-md bg-warn-bg px-3 py-2 text-warn-text">
      {lastTry ? (
        <>
          Record not found yet: DNS changes can take time to reach everyone, so try again in a few minutes. Last tried <Time iso={lastTry} />.
        </>
      ) : (
        "Not verified yet. Create the record below, then verify."
      )}
    </p>
  );
}

function Verified({ domain, status }: { domain: Domain; status: DnsStatus }) {
  return (
    <div className="space-y-3">
      <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-ok-text">
        Verified <Time iso={domain.verified_at} />. The record is checked again every day; keep it in place.
      </p>
      <p className="text-muted">
        Last daily check: <Time iso={status.dns_checked_at} fallback="not yet" />
      </p>
      {status.days_left !== null && (
        <p role="alert" className="rounded-md bg-danger-bg px-3 py-2 text-danger-text">
          The record was missing at the last check. Put it back within {status.days_left} {status.days_left === 1 ? "day" : "days"}, or the domain stops
          being verified and just-in-time provisioning and required single sign-on are turned off.
        </p>
      )}
    </div>
  );
}

/** The DNS record that proves the domain, with Copy for each part, and whether it was found. */
export function VerificationPanel({ organizationId, domain, recordName, status, canEdit }: Props) {
  const refresh = useDomainsRefresh(organizationId);
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [lastTry, setLastTry] = useState(status.last_verification_retry);

  function verify() {
    startTransition(async () => {
      const result = await verifyDomainAction(organizationId, { id: domain.id });
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      if (result.data.is_verified) toast(`${domain.domain} is verified.`);
      else setLastTry(new Date().toISOString());
      refresh();
    });
  }

  return (
    <Panel
      title="Verification"
      description="A TXT record in the domain's DNS proves it belongs to this organization."
      footer={
        canEdit &&
        !domain.is_verified && (
          <Button variant="primary" pending={pending} onClick={verify}>
            Verify
          </Button>
        )
      }
    >
      <div className="space-y-4">
        {domain.is_verified ? <Verified domain={domain} status={status} /> : <Unverified lastTry={lastTry} />}
        <div>
          <h3 className="font-medium">{domain.is_verified ? "The record to keep" : "The TXT record to create"}</h3>
          <dl className="mt-2 space-y-3">
            <CopyValue label="Record name" value={recordName} />
            <CopyValue label="Record value" value={domain.verification_challenge} />
          </dl>
        </div>
      </div>
    </Panel>
  );
}
