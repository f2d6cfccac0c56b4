"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ActivityEntry, ListPage, UserBasic } from "@/lib/query/types";

/**
 * The person the log is filtered on, by name: the one just picked, else the author of an entry shown, else (after a
 * reload whose other filters match none of their entries) the author of their latest entry in the whole log.
 */
export function useChosenPerson(organizationId: string, uuid: string, rows: ActivityEntry[], rowsLoaded: boolean) {
  const [picked, setPicked] = useState<UserBasic | null>(null);
  const fromPick = picked?.uuid === uuid ? picked : null;
  const fromRows = rows.find((e) => e.user?.uuid === uuid)?.user ?? null;
  const latest = useQuery({
    queryKey: [...queryKeys.activityLog(organizationId), "person", uuid],
    queryFn: () => apiGet<ListPage<ActivityEntry>>(`/api/organizations/${organizationId}/activity_log/`, { user: uuid, limit: 1 }),
    enabled: uuid !== "" && !fromPick && !fromRows && rowsLoaded,
  });
  const person = uuid === "" ? null : (fromPick ?? fromRows ?? latest.data?.results[0]?.user ?? null);
  return { person, setPicked };
}
