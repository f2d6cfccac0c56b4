"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";
import type { MemberOrigin } from "@/lib/query/types";
import { Skeleton } from "@/components/ui/skeleton";
import { displayName } from "@/components/shell/display-name";
import { memberOriginAction } from "../actions";

const BY_SOURCE: Record<MemberOrigin["source"], string> = {
  created: "Created the organization.",
  invite: "Accepted an invitation.",
  cli: "Added by a server administrator from the command line.",
  jit: "Joined when first signing in through the organization's single sign-on.",
  scim: "Added by the organization's identity provider (SCIM).",
  directory: "Added from the organization's directory.",
};

/** "Accepted an invitation from Ada Lovelace (ada@example.com)." or what the membership's source says. */
export function originSentence(origin: MemberOrigin) {
  const inviter = origin.invitation?.invited_by;
  if (origin.source === "invite" && inviter) return `Accepted an invitation from ${displayName(inviter)} (${inviter.email}).`;
  return BY_SOURCE[origin.source];
}

/** How a member joined, loaded when their details open. */
export function MemberOriginText({ organizationId, uuid }: { organizationId: string; uuid: string }) {
  const origin = useQuery({
    queryKey: queryKeys.memberOrigin(organizationId, uuid),
    queryFn: async () => {
      const result = await memberOriginAction(organizationId, { user__uuid: uuid });
      if (!result.ok) throw new Error(result.error.detail);
      return result.data;
    },
  });
  if (origin.isPending) {
    return (
      <span role="status" aria-label="Loading how they joined" className="block">
        <Skeleton className="h-5" />
      </span>
    );
  }
  if (origin.isError) return <span className="text-danger-text">{origin.error.message}</span>;
  return <span>{originSentence(origin.data)}</span>;
}
