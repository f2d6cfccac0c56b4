"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ADMIN, LEVEL_NAMES, MEMBER } from "@/lib/auth/permissions";
import { queryKeys } from "@/lib/query/keys";
import type { ScimGroupMapping } from "@/lib/schemas/scim-admin";
import { DataTable, type Column, type ListStatus } from "@/components/data/data-table";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { listScimGroupMappingsAction, mapScimGroupLevelAction } from "../actions";
import type { IdpTarget } from "./idp-target";
import { GIVE_IDP_THE_TOKEN } from "./scim-words";

const CHOICES = [
  { value: "", label: "Not mapped" },
  { value: String(MEMBER), label: LEVEL_NAMES[MEMBER] },
  { value: String(ADMIN), label: LEVEL_NAMES[ADMIN] },
];

const SELECT =
  "h-8 rounded-md border border-line-strong bg-canvas px-2.5 text-sm text-fg disabled:cursor-not-allowed disabled:bg-subtle disabled:text-muted";

/** What a mapping means, for the toast once it is saved. */
function savedWords(group: ScimGroupMapping) {
  if (group.mapped_level === null) return `Saved: ${group.display_name} grants no level.`;
  return `Saved: ${group.display_name} grants ${LEVEL_NAMES[group.mapped_level]}.`;
}

/**
 * The groups the identity provider pushed through this target's SCIM, each with the level it grants its provisioned
 * members (the highest of their groups wins; owners and people who joined another way keep theirs). Saved on change.
 */
export function ScimGroups({ target, canEdit }: { target: IdpTarget; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [saving, setSaving] = useState<string | null>(null);
  // The level just chosen shows at once; a refusal puts the saved one back.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const key = queryKeys.scimGroups(target.organizationId, target.id);
  const groups = useQuery({
    queryKey: key,
    queryFn: async () => {
      const result = await listScimGroupMappingsAction(target.organizationId, { kind: target.kind, id: target.id });
      if (!result.ok) throw new Error(result.error.detail);
      return result.data;
    },
  });

  async function map(group: ScimGroupMapping, value: string) {
    setSaving(group.id);
    setChosen((c) => ({ ...c, [group.id]: value }));
    const level = value === "" ? null : (Number(value) as 1 | 8);
    const result = await mapScimGroupLevelAction(target.organizationId, { kind: target.kind, id: target.id, group_id: group.id, level });
    setSaving(null);
    if (result.ok) toast(savedWords(result.data));
    else {
      toast(result.error.detail, "error");
      setChosen(({ [group.id]: _refused, ...rest }) => rest);
    }
    // The mapping changed members' levels: the people list shows them.
    void queryClient.invalidateQueries({ queryKey: queryKeys.scim(target.organizationId, target.id) });
  }

  const columns: Column<ScimGroupMapping>[] = [
    { id: "name", header: "Group", cell: (g) => <span className="font-medium break-words">{g.display_name}</span> },
    { id: "members", header: "Members", nowrap: true, cell: (g) => g.member_count },
    {
      id: "level",
      header: "Level it grants",
      nowrap: true,
      cell: (g) => (
        <select
          aria-label={`Level ${g.display_name} grants`}
          className={SELECT}
          value={chosen[g.id] ?? (g.mapped_level === null ? "" : String(g.mapped_level))}
          disabled={!canEdit || saving === g.id}
          onChange={(e) => void map(g, e.target.value)}
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ),
    },
  ];
  const status: ListStatus = groups.isPending
    ? { state: "loading" }
    : groups.isError
      ? { state: "error", message: groups.error.message }
      : groups.data.length === 0
        ? { state: "empty", title: "No groups yet", body: `${GIVE_IDP_THE_TOKEN} Then push groups from it, and choose here the level each grants.` }
        : { state: "ready" };

  return (
    <Panel
      title="Groups"
      description="The level a group grants its provisioned members: each gets the highest of their groups, else member. Owners and people who joined another way keep their level."
    >
      <DataTable caption="SCIM groups" noun="groups" columns={columns} rows={groups.data ?? []} rowKey={(g) => g.id} status={status} busy={groups.isFetching} />
    </Panel>
  );
}
