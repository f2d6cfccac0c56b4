"use client";

import { useQuery } from "@tanstack/react-query";
import { MAX_LIMIT } from "@/lib/schemas/common";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage, Member } from "@/lib/query/types";
import type { ServiceAccount } from "@/lib/schemas/service-accounts";

/** Someone who can hold a role: a member (by membership id) or a service account. */
export type Holder = { kind: "membership" | "service_account"; id: string; label: string };

/** `membership:<id>` or `service_account:<id>`: one select's value for either kind. */
export const holderValue = (h: Pick<Holder, "kind" | "id">) => `${h.kind}:${h.id}`;

export function holderInput(value: string) {
  const [kind, id] = value.split(":");
  return kind === "service_account" ? { service_account_id: id } : { membership_id: id };
}

/** The organization's members and service accounts to choose from (the first MAX_LIMIT of each). */
export function useHolders(organizationId: string) {
  const members = useQuery({
    queryKey: [...queryKeys.members(organizationId), "all"],
    queryFn: () => apiGet<ListPage<Member>>(`/api/organizations/${organizationId}/members/`, { limit: MAX_LIMIT }),
  });
  const accounts = useQuery({
    queryKey: [...queryKeys.serviceAccounts(organizationId), "all"],
    queryFn: () => apiGet<ListPage<ServiceAccount>>(`/api/organizations/${organizationId}/service_accounts/`, { limit: MAX_LIMIT }),
  });
  const holders: Holder[] = [
    ...(members.data?.results ?? []).map((m) => ({ kind: "membership" as const, id: m.id, label: m.user.email })),
    ...(accounts.data?.results ?? []).map((a) => ({ kind: "service_account" as const, id: a.id, label: a.name })),
  ];
  return { holders, members: members.data?.results ?? [], accounts: accounts.data?.results ?? [], loading: members.isPending || accounts.isPending };
}
