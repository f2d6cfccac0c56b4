"use client";

import { useQuery } from "@tanstack/react-query";
import { levelExplanation } from "@/lib/auth/level-explanation";
import { LEVEL_NAMES } from "@/lib/auth/permissions";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { Member, MemberGithubLogin, MemberScopedApiKeys } from "@/lib/query/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { displayName } from "@/components/shell/display-name";
import { MemberOriginText } from "./member-origin";

type Props = { organizationId: string; member: Member | null; onClose: () => void };

const Loading = ({ label }: { label: string }) => (
  <div role="status" aria-label={label}>
    <Skeleton className="h-8" />
  </div>
);

/** Which of a member's personal API keys reach this organization, and when each was last used. */
function ApiKeys({ organizationId, uuid }: { organizationId: string; uuid: string }) {
  const keys = useQuery({
    queryKey: queryKeys.memberScopedApiKeys(organizationId, uuid),
    queryFn: () => apiGet<MemberScopedApiKeys>(`/api/organizations/${organizationId}/members/${uuid}/scoped_api_keys/`),
  });
  if (keys.isPending) return <Loading label="Loading API keys" />;
  if (keys.isError) return <p className="text-danger-text">{keys.error.message}</p>;
  if (!keys.data.has_keys) return <p className="text-muted">No personal API keys reach this organization.</p>;
  return (
    <>
      {keys.data.has_keys_active_last_week && <Badge tone="ok">Active in the last week</Badge>}
      <ul aria-label="Personal API keys" className="mt-2 divide-y divide-line rounded-md border border-line">
        {keys.data.keys.map((key, i) => (
          <li key={i} className="flex items-baseline justify-between gap-3 px-3 py-2">
            <span className="font-medium break-all">{key.name}</span>
            <span className="shrink-0 text-xs text-muted">
              {key.last_used_at ? (
                <>
                  Last used <Time iso={key.last_used_at} />
                </>
              ) : (
                "Never used"
              )}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The member's linked GitHub login, or that there is none. */
function GithubLogin({ organizationId, uuid }: { organizationId: string; uuid: string }) {
  const login = useQuery({
    queryKey: queryKeys.memberGithubLogin(organizationId, uuid),
    queryFn: () => apiGet<MemberGithubLogin>(`/api/organizations/${organizationId}/members/${uuid}/github_login/`),
  });
  if (login.isPending) return <Loading label="Loading GitHub login" />;
  if (login.isError) return <p className="text-danger-text">{login.error.message}</p>;
  return login.data.github_login ? <p className="font-medium">{login.data.github_login}</p> : <p className="text-muted">None linked</p>;
}

/** Level, when and how they joined, their last sign-in: the member object's facts, and how they joined loaded beside it. */
function Membership({ organizationId, member }: { organizationId: string; member: Member }) {
  const row = "grid grid-cols-[8.5rem_1fr] gap-x-3 gap-y-0.5";
  return (
    <dl className="space-y-2.5">
      <div className={row}>
        <dt className="font-medium">Level</dt>
        <dd>
          {LEVEL_NAMES[member.level]}
          <span className="block text-xs text-muted">{levelExplanation(member.level).join(" ")}</span>
        </dd>
      </div>
      <div className={row}>
        <dt className="font-medium">Joined</dt>
        <dd>
          <Time iso={member.joined_at} />
        </dd>
      </div>
      <div className={row}>
        <dt className="font-medium">How they joined</dt>
        <dd>
          <MemberOriginText organizationId={organizationId} uuid={member.user.uuid} />
        </dd>
      </div>
      <div className={row}>
        <dt className="font-medium">Last login</dt>
        <dd>
          <Time iso={member.last_login} />
        </dd>
      </div>
    </dl>
  );
}

/**
 * A member's details: level, joining and last sign-in, then (React Query over the REST API) their personal API keys
 * that reach here and their GitHub login.
 */
export function MemberDetails({ organizationId, member, onClose }: Props) {
  return (
    <Dialog open={member !== null} onClose={onClose} title={member ? displayName(member.user) : "Member"} description={member?.user.email}>
      {member && (
        <div className="space-y-5">
          <Membership organizationId={organizationId} member={member} />
          <section aria-labelledby="member-details-keys">
            <h3 id="member-details-keys" className="mb-1.5 text-sm font-semibold">
              Personal API keys
            </h3>
            <ApiKeys organizationId={organizationId} uuid={member.user.uuid} />
          </section>
          <section aria-labelledby="member-details-github">
            <h3 id="member-details-github" className="mb-1.5 text-sm font-semibold">
              GitHub login
            </h3>
            <GithubLogin organizationId={organizationId} uuid={member.user.uuid} />
          </section>
        </div>
      )}
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
