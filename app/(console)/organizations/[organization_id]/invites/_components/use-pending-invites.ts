"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { Invite } from "@/lib/query/types";
import { canonicalEmail } from "@/lib/schemas/common";
import { findPendingInvitesAction } from "../actions";

const TYPING_PAUSE_MS = 300;

/** Pending invitations by lower-cased address. */
export type PendingByEmail = ReadonlyMap<string, Invite>;

const keyOf = (organizationId: string, emails: string[]) => [...queryKeys.invites(organizationId), "pending", emails] as const;

/** The addresses worth looking up: valid ones, canonical, each once, sorted (so the query key is stable). */
const lookupList = (emails: string[]) => [...new Set(emails.map((e) => canonicalEmail(e.trim())).filter((e): e is string => e !== null))].sort();

async function lookUp(organizationId: string, emails: string[]): Promise<PendingByEmail> {
  if (emails.length === 0) return new Map();
  const result = await findPendingInvitesAction(organizationId, { emails });
  if (!result.ok) throw new Error(result.error.detail);
  // Newest first, so the first of an address is the one whose link is live.
  const found = new Map<string, Invite>();
  for (const invite of result.data) if (!found.has(invite.target_email)) found.set(invite.target_email, invite);
  return found;
}

/**
 * Which of these addresses already have a pending invitation, looked up once typing pauses and refreshed with the
 * invitation list. `confirm` looks the given addresses up now (for a submit that comes before the pause): it answers
 * whether any of them has one that the form has not shown yet.
 */
export function usePendingInvites(organizationId: string, emails: string[]) {
  const queryClient = useQueryClient();
  const wanted = lookupList(emails);
  const wantedKey = wanted.join(",");
  const [settled, setSettled] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(wantedKey === "" ? [] : wantedKey.split(",")), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [wantedKey]);
  const query = useQuery({ queryKey: keyOf(organizationId, settled), queryFn: () => lookUp(organizationId, settled), staleTime: 10_000 });
  const shown = settled.join(",") === wantedKey && query.isSuccess ? query.data : null;

  async function confirm(): Promise<"go" | "look"> {
    if (shown) return "go";
    const found = await queryClient.fetchQuery({ queryKey: keyOf(organizationId, wanted), queryFn: () => lookUp(organizationId, wanted), staleTime: 10_000 });
    setSettled(wanted);
    return found.size > 0 ? "look" : "go";
  }

  return { pending: shown ?? new Map<string, Invite>(), checking: shown === null, confirm };
}
