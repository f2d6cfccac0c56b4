"use client";

import { useState } from "react";
import type { Level } from "@/lib/auth/permissions";
import { removalDenial } from "@/lib/auth/rules";
import { queryKeys } from "@/lib/query/keys";
import type { Member } from "@/lib/query/types";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/data/search-box";
import { usePagedList } from "@/components/data/use-paged-list";
import { ReauthDialog } from "@/components/form/reauth-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { displayName } from "@/components/shell/display-name";
import { levelChangeConfirmation, needsConfirmation } from "./level-change";
import { MEMBER_COLUMNS } from "./member-columns";
import { MemberDetails } from "./member-details";
import { useMemberChange } from "./use-member-change";
import { useMemberPictures } from "./use-member-pictures";

type Props = { organization: { id: string; name: string }; viewer: { uuid: string; level: Level } };

/**
 * The member list from the REST API, a page at a time, searched and sorted by the URL: level changes (owners made or
 * unmade after a confirmation), removals after one, and each member's details.
 */
export function MembersList({ organization, viewer }: Props) {
  const list = usePagedList<Member, { search: string; order: string }>({
    queryKey: queryKeys.members(organization.id),
    path: `/api/organizations/${organization.id}/members/`,
    defaults: { search: "", order: "-joined_at" },
    searchParam: "search",
  });
  const pictures = useMemberPictures(organization.id, list.rows);
  const { change, pending, confirm } = useMemberChange(organization);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [viewing, setViewing] = useState<Member | null>(null);
  const [promoting, setPromoting] = useState<{ member: Member; level: Level } | null>(null);

  const changeLevel = (member: Member, level: Level) => change({ kind: "level", user__uuid: member.user.uuid, name: displayName(member.user), level });
  const chooseLevel = (member: Member, level: Level) => (needsConfirmation(member.level, level) ? setPromoting({ member, level }) : changeLevel(member, level));
  const confirmation = promoting && levelChangeConfirmation(displayName(promoting.member.user), promoting.member.level, promoting.level);

  return (
    <>
      <div className="mb-3">
        <SearchBox label="Search members" hint="By name or email address." search={list.search} fetching={list.query.isFetching} />
      </div>
      <DataTable
        caption={`Members of ${organization.name}`}
        noun="members"
        columns={MEMBER_COLUMNS(viewer, chooseLevel, pictures)}
        rows={list.rows}
        rowKey={(m) => m.id}
        busy={list.query.isFetching || pending}
        sort={{ order: list.filters.order, onOrder: (order) => list.setFilters({ order }) }}
        actions={(m) => {
          const self = m.user.uuid === viewer.uuid;
          // Leaving is the panel below the list, not a row action.
          const removable = !self && removalDenial({ requester: viewer.level, target: m.level, self }) === null;
          const name = displayName(m.user);
          return (
            <>
              <Button size="sm" variant="ghost" onClick={() => setViewing(m)}>
                Details<span className="sr-only"> of {name}</span>
              </Button>
              {removable && (
                <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => setRemoving(m)}>
                  Remove<span className="sr-only"> {name}</span>
                </Button>
              )}
            </>
          );
        }}
        status={list.status({
          none: { title: "No members on this page", action: <Button onClick={() => list.goToPage(1)}>Go to the first page</Button> },
          noMatch: {
            title: `No members match “${list.filters.search}”`,
            body: "Check the spelling, or search by email address. People who have not accepted their invitation yet are on the Invites page.",
            action: <Button onClick={list.clearFilters}>Clear the search</Button>,
          },
        })}
      />
      <Pager label="Member pages" pager={list.pager} />
      <ConfirmDialog
        open={confirmation !== null}
        onClose={() => setPromoting(null)}
        onConfirm={() => {
          if (promoting) changeLevel(promoting.member, promoting.level);
          setPromoting(null);
        }}
        title={confirmation?.title ?? ""}
        description={confirmation?.description}
        confirmLabel={confirmation?.confirmLabel ?? ""}
      />
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) change({ kind: "remove", user__uuid: removing.user.uuid, name: displayName(removing.user) });
          setRemoving(null);
        }}
        title={`Remove ${removing ? displayName(removing.user) : "member"}?`}
        description={`They lose access to ${organization.name} at once, and its projects with it. You can invite them again later.`}
        confirmLabel="Remove member"
      />
      <MemberDetails organizationId={organization.id} member={viewing} onClose={() => setViewing(null)} />
      <ReauthDialog {...confirm} />
    </>
  );
}
