"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Level } from "@/lib/auth/permissions";
import { projectAccessChangeDenial, projectAccessRemovalDenial, projectAdminDenial, projectChangeDenial, type ProjectLevelName } from "@/lib/auth/project-rules";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage, Member, Project, ProjectMember } from "@/lib/query/types";
import { CheckboxField, SelectField } from "@/components/form/field";
import { displayName } from "@/components/shell/display-name";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { removeProjectMemberAction, setProjectMemberAction } from "../actions";
import { ActionFailure, useProjectUpdate } from "./use-project";

type Props = { organizationId: string; project: Project; effective: Level | null; myUuid: string };

const LEVEL_OPTIONS = [
  { value: "member", label: "Member" },
  { value: "admin", label: "Admin" },
];

/** Grants and removals of access, each refreshing the project's people; someone who leaves goes back to the list. */
function useAccessChange(organizationId: string, projectId: number, myUuid: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  return useMutation<unknown, ActionFailure, { user_uuid: string; level: ProjectLevelName | null }>({
    mutationFn: async ({ user_uuid, level }) => {
      const input = { id: String(projectId), user_uuid };
      const result = level ? await setProjectMemberAction(organizationId, { ...input, level }) : await removeProjectMemberAction(organizationId, input);
      if (!result.ok) throw new ActionFailure(result.error);
      return result.data;
    },
    onSuccess: (_data, { user_uuid, level }) => {
      if (user_uuid === myUuid && level === null) router.push(`/organizations/${organizationId}/projects`);
    },
    onError: (error) => toast(error.message, "error"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.projectMembers(organizationId, projectId) }),
  });
}

/** One person with access: their level (a select where the viewer may change it) and Remove (or Leave, for oneself). */
function MemberRow({ member, effective, self, change }: { member: ProjectMember; effective: Level | null; self: boolean; change: ReturnType<typeof useAccessChange> }) {
  const name = displayName(member.user);
  const levelDenied = projectAccessChangeDenial(effective, self)?.hint ?? null;
  const removeDenied = projectAccessRemovalDenial(effective, self)?.hint ?? null;
  return (
    <li className="flex flex-wrap items-end justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="font-medium">{name}</p>
        <p className="text-xs text-muted">{member.user.email}</p>
      </div>
      <div className="flex items-end gap-2">
        <SelectField
          label={`Project level of ${name}`}
          name={`level-${member.user.uuid}`}
          value={member.level}
          options={LEVEL_OPTIONS}
          disabled={levelDenied !== null || change.isPending}
          hint={levelDenied ?? undefined}
          onChange={(e) => change.mutate({ user_uuid: member.user.uuid, level: e.target.value as ProjectLevelName })}
        />
        <Button size="md" onClick={() => change.mutate({ user_uuid: member.user.uuid, level: null })} disabled={removeDenied !== null || change.isPending} title={removeDenied ?? undefined}>
          {self ? "Leave" : "Remove"}
          <span className="sr-only"> {name}</span>
        </Button>
      </div>
    </li>
  );
}

/** Giving an organization member access at a level. */
function AddMember({ organizationId, present, change }: { organizationId: string; present: Set<string>; change: ReturnType<typeof useAccessChange> }) {
  const [chosen, setChosen] = useState("");
  const [level, setLevel] = useState<ProjectLevelName>("member");
  const people = useQuery({
    queryKey: [...queryKeys.members(organizationId), { limit: 100 }],
    queryFn: () => apiGet<ListPage<Member>>(`/api/organizations/${organizationId}/members/`, { limit: 100 }),
  });
  const options = (people.data?.results ?? []).filter((m) => !present.has(m.user.uuid) && !m.is_suspended).map((m) => ({ value: m.user.uuid, label: `${displayName(m.user)} (${m.user.email})` }));
  return (
    <form
      className="flex flex-wrap items-end gap-2 border-t border-line pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) change.mutate({ user_uuid: chosen, level }, { onSuccess: () => setChosen("") });
      }}
    >
      <SelectField label="Organization member" name="user_uuid" value={chosen} onChange={(e) => setChosen(e.target.value)} options={[{ value: "", label: people.isPending ? "Loading…" : "Choose a member" }, ...options]} className="min-w-56 flex-1" />
      <SelectField label="Level" name="level" value={level} onChange={(e) => setLevel(e.target.value as ProjectLevelName)} options={LEVEL_OPTIONS} />
      <Button type="submit" variant="primary" disabled={!chosen} pending={change.isPending}>
        Give access
      </Button>
    </form>
  );
}

/** Who may open the project: private or not, and the people of a private one with their levels. */
export function ProjectAccess({ organizationId, project, effective, myUuid }: Props) {
  const toast = useToast();
  const update = useProjectUpdate(organizationId, project.id);
  const change = useAccessChange(organizationId, project.id, myUuid);
  const members = useQuery({
    queryKey: queryKeys.projectMembers(organizationId, project.id),
    queryFn: () => apiGet<ListPage<ProjectMember>>(`/api/organizations/${organizationId}/projects/${project.id}/members/`, { limit: 100 }),
    enabled: project.access_control,
  });
  const toggleDenied = projectChangeDenial(effective, ["access_control"])?.hint ?? null;
  const adminDenied = projectAdminDenial(effective)?.hint ?? null;
  const rows = members.data?.results ?? [];
  return (
    <Panel title="Access" description="A public project is open to every member of the organization. A private one only to admins and the people given access.">
      <div className="space-y-4">
        <CheckboxField
          label="Private project"
          name="access_control"
          checked={project.access_control}
          disabled={toggleDenied !== null || update.isPending}
          hint={toggleDenied ?? (project.access_control ? "Only organization admins and the people below can open it." : "Every organization member can open it.")}
          onChange={(e) =>
            update.mutate({ access_control: e.target.checked }, { onSuccess: (p) => toast(p.access_control ? "The project is private now." : "The project is open to every member now."), onError: (error) => toast(error.message, "error") })
          }
        />
        {project.access_control && (
          <>
            {members.isPending ? (
              <p className="text-muted">Loading the people with access…</p>
            ) : (
              <ul aria-label="People with access" className="divide-y divide-line">
                {rows.map((m) => (
                  <MemberRow key={m.id} member={m} effective={effective} self={m.user.uuid === myUuid} change={change} />
                ))}
                {rows.length === 0 && <li className="py-3 text-muted">Nobody has explicit access yet: only organization admins can open it.</li>}
              </ul>
            )}
            {adminDenied ? <p className="text-xs text-muted">{adminDenied}</p> : <AddMember organizationId={organizationId} present={new Set(rows.map((m) => m.user.uuid))} change={change} />}
          </>
        )}
      </div>
    </Panel>
  );
}
