"use client";

import Link from "next/link";
import type { Domain } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { Badge } from "@/components/ui/badge";
import { enforcementShort } from "./domain-words";

const yesNo = (on: boolean) => (on ? "On" : "Off");

/** The domains, by name: each opens its page. */
export const domainColumns = (organizationId: string): Column<Domain>[] => [
  {
    id: "domain",
    header: "Domain",
    cell: (d) => (
      <Link href={`/organizations/${organizationId}/domains/${d.id}`} className="font-medium text-accent-text hover:underline">
        {d.domain}
      </Link>
    ),
  },
  { id: "verified", header: "Verification", cell: (d) => (d.is_verified ? <Badge tone="ok">Verified</Badge> : <Badge tone="warn">Not verified</Badge>) },
  { id: "jit", header: "Just-in-time provisioning", from: "md", cell: (d) => yesNo(d.jit_provisioning_enabled) },
  { id: "enforcement", header: "Single sign-on required", from: "sm", cell: (d) => enforcementShort(d.sso_enforcement) },
  { id: "saml", header: "SAML", from: "md", cell: (d) => (d.has_saml ? "Configured" : "Not configured") },
];
