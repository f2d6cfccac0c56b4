"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Level } from "@/lib/auth/permissions";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage, Member } from "@/lib/query/types";
import { TextField } from "@/components/form/field";
import { ReauthDialog } from "@/components/form/reauth-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { displayName } from "@/components/shell/display-name";
import { MemberDetails } from "./member-details";
import { MemberTable } from "./member-table";
import { useMemberChange } from "./use-member-change";
import { PAGE_SIZE, useMemberFilters } from "./use-member-filters";

type Props = { organization: { id: string; name: string }; viewer: { uuid: string; level: Level } };

/** The member list (React Query over the REST API): search as you type, sort, pages, level changes and removals. */
export function MembersManager({ organization, viewer }: Props) {
  const { filters, text, setText, clearSearch, toggleOrder, goToPage, page } = useMemberFilters();
  const members = useQuery({
    queryKey: queryKeys.members(organization.id, filters),
    queryFn: () => apiGet<ListPage<Member>>(`/api/organizations/${organization.id}/members/`, { ...filters, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const { change, pending, confirm } = useMemberChange(organization);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [viewing, setViewing] = useState<Member | null>(null);
  const rows = members.data?.results ?? [];

  return (
    <>
      <div role="search" aria-label="Members" className="mb-4 max-w-sm">
        <TextField label="Search members" name="search" type="search" hint="By name or email address." value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      </div>
      {members.isPending ? (
        <div role="status" aria-label="Loading members" className="space-y-2">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-11" />
          ))}
        </div>
      ) : members.isError ? (
        <EmptyState title="The members could not be loaded">{members.error.message} Reload the page to try again.</EmptyState>
      ) : rows.length === 0 && !filters.search ? (
        <EmptyState title="No members on this page" action={<Button onClick={() => goToPage(1)}>Go to the first page</Button>} />
      ) : rows.length === 0 ? (
        <EmptyState title={`No members match “${filters.search}”`} action={<Button onClick={clearSearch}>Clear the search</Button>}>
          Check the spelling, or search by email address. People who have not accepted their invitation yet are on the Invites page.
        </EmptyState>
      ) : (
        <>
          <MemberTable
            caption={`Members of ${organization.name}`}
            members={rows}
            viewer={viewer}
            order={filters.order}
            busy={members.isFetching || pending}
            onToggleOrder={toggleOrder}
            onChangeLevel={(m, level) => change({ kind: "level", user__uuid: m.user.uuid, name: displayName(m.user), level })}
            onRemove={setRemoving}
            onDetails={setViewing}
          />
          <nav aria-label="Member pages" className="mt-3 flex items-center justify-between gap-4">
            <p className="text-muted">
              {filters.offset + 1}–{filters.offset + rows.length} of {members.data.count}
            </p>
            <div className="flex gap-2">
              <Button size="sm" disabled={page === 1} onClick={() => goToPage(page - 1)}>
                Previous
              </Button>
              <Button size="sm" disabled={members.data.next === null} onClick={() => goToPage(page + 1)}>
                Next
              </Button>
            </div>
          </nav>
        </>
      )}
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
