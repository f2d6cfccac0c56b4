"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";
import type { Member } from "@/lib/query/types";
import { listMemberPicturesAction } from "../actions";

/** The identity-provider pictures of the members shown, by user uuid; empty until they arrive (initials meanwhile). */
export function useMemberPictures(organizationId: string, members: Member[]) {
  const uuids = members.map((m) => m.user.uuid);
  const pictures = useQuery({
    queryKey: [...queryKeys.members(organizationId), "pictures", uuids],
    queryFn: async () => {
      const result = await listMemberPicturesAction(organizationId, { user_uuids: uuids });
      return result.ok ? result.data : {};
    },
    enabled: uuids.length > 0,
    staleTime: 60_000,
  });
  return pictures.data ?? {};
}
