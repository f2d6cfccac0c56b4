import Link from "next/link";
import { LEVEL_NAMES } from "@/lib/auth/permissions";
import type { MyInvite } from "@/lib/query/types";
import { buttonClass } from "@/components/ui/button";

/** Invitations waiting for the signed-in person (their email address), each a way into its organization. */
export function PendingInvites({ invites }: { invites: MyInvite[] }) {
  if (invites.length === 0) return null;
  return (
    <section aria-labelledby="pending-invites" className="mx-auto mb-6 max-w-5xl rounded-lg border border-accent/40 bg-surface px-4 py-3">
      <h2 id="pending-invites" className="text-sm font-semibold">
        {invites.length === 1 ? "You have an invitation" : `You have ${invites.length} invitations`}
      </h2>
      <ul className="mt-2 space-y-2">
        {invites.map((invite) => (
          <li key={invite.id} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              Join <strong className="font-medium">{invite.organization.name}</strong> as {LEVEL_NAMES[invite.level].toLowerCase()}.
            </span>
            <Link href={`/invites/${invite.token}`} className={buttonClass("primary", "sm")}>
              Open the invitation<span className="sr-only"> to {invite.organization.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
