"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { withArticle } from "@/lib/auth/level-explanation";
import { LEVEL_NAMES, type Level } from "@/lib/auth/permissions";
import { queryKeys } from "@/lib/query/keys";
import { useSensitiveAction } from "@/components/form/use-sensitive-action";
import { useToast } from "@/components/ui/toast";
import { removeMemberAction, updateMemberAction } from "../actions";
import { endSentence } from "@/lib/format/sentence";

export type MemberChange =
  | { kind: "level"; user__uuid: string; name: string; level: Level }
  | { kind: "remove"; user__uuid: string; name: string };

async function perform(organizationId: string, change: MemberChange): Promise<ActionResult<MemberChange>> {
  const result =
    change.kind === "level"
      ? await updateMemberAction(organizationId, { user__uuid: change.user__uuid, level: change.level })
      : await removeMemberAction(organizationId, { user__uuid: change.user__uuid });
  return result.ok ? { ok: true, data: change } : result;
}

const done = (change: MemberChange, organizationName: string) =>
  change.kind === "level"
    ? `${change.name} is now ${withArticle(LEVEL_NAMES[change.level].toLowerCase())}.`
    : endSentence(`${change.name} was removed from ${organizationName}`);

/**
 * Level changes and removals of other members. Both are sensitive: with an old sign-in the person confirms it's them
 * (render `<ReauthDialog {...confirm} />`) and the change completes when they are back.
 */
export function useMemberChange(organization: { id: string; name: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const { run, confirm } = useSensitiveAction("member-change", (change: MemberChange) => perform(organization.id, change), (result) => {
    if (result.ok) toast(done(result.data, organization.name));
    else toast(result.error.detail, "error");
    // A list fetch started before the change (a resumed change runs as the page loads) would otherwise be reused by the
    // refetch and show the old level: cancel it, then fetch again.
    const queryKey = queryKeys.members(organization.id);
    void queryClient.cancelQueries({ queryKey }).then(() => queryClient.invalidateQueries({ queryKey }));
  });
  return { change: (change: MemberChange) => startTransition(() => run(change)), pending, confirm };
}
