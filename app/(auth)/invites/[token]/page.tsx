import type { Metadata } from "next";
import Link from "next/link";
import { continueSignInAction, signOutAction } from "@/lib/actions/auth";
import { currentPrincipal } from "@/lib/actions/session";
import { LEVEL_LABELS } from "@/lib/auth/permissions";
import { inspectInvite } from "@/lib/services/invite-accept";
import { buttonClass } from "@/components/ui/button";
import { OrganizationLogo } from "@/components/ui/organization-logo";
import { Time } from "@/components/ui/time";
import { AcceptButton } from "./_components/accept-button";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Invitation" };

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-2 space-y-3 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        Go to the console
      </Link>
    </>
  );
}

/** An invitation link: who invites you where, and the way in (the token is signed, not stored). */
export default async function InvitationPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ accept?: string }> }) {
  const { token } = await params;
  const { accept } = await searchParams;
  const invite = await inspectInvite(token);
  if (invite.state === "invalid") {
    return <Notice title="This invitation link is not valid">The link may be incomplete, or the invitation was revoked. Ask the person who invited you to send a new one.</Notice>;
  }
  const inviter = invite.inviter ? `${invite.inviter.name} (${invite.inviter.email})` : "Someone";
  if (invite.state === "used") {
    return <Notice title="This invitation has already been used">It was accepted already. Sign in to reach {invite.organization.name}.</Notice>;
  }
  if (invite.state === "expired") {
    return <Notice title="This invitation has expired">Invitations are valid for three days. Ask {inviter} to invite you to {invite.organization.name} again.</Notice>;
  }
  const principal = await currentPrincipal();
  const self = `/invites/${token}`;
  const signedInAs = principal?.user?.email;
  const matches = signedInAs?.toLowerCase() === invite.targetEmail.toLowerCase();
  return (
    <>
      <OrganizationLogo name={invite.organization.name} src={invite.organization.logoUrl} size="lg" label={invite.organization.logoUrl ? `${invite.organization.name} logo` : undefined} />
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">You are invited</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">Join {invite.organization.name}</h1>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
        {inviter} invited <strong>{invite.targetEmail}</strong> to join as {LEVEL_LABELS[invite.level]}.
      </p>
      {invite.message && <blockquote className="mt-3 border-l-2 border-indigo-500 pl-3 text-sm whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{invite.message}</blockquote>}
      {!principal && (
        <form action={continueSignInAction} className="mt-6">
          <input type="hidden" name="callbackUrl" value={`${self}?accept=1`} />
          <input type="hidden" name="email" value={invite.targetEmail} />
          <button type="submit" className={buttonClass("primary", "md", "w-full")}>
            Sign in as {invite.targetEmail} to accept
          </button>
        </form>
      )}
      {principal && matches && <AcceptButton token={token} auto={accept === "1"} />}
      {principal && !matches && (
        <div role="alert" className="mt-6 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <p>
            This invitation is for <strong>{invite.targetEmail}</strong>, but you are signed in as <strong>{signedInAs}</strong>. Sign out, then sign in as {invite.targetEmail}.
          </p>
          <form action={signOutAction} className="mt-3">
            <input type="hidden" name="callbackUrl" value={self} />
            <button type="submit" className={buttonClass("secondary", "sm")}>
              Sign out
            </button>
          </form>
        </div>
      )}
      <p className="mt-4 text-xs text-muted">
        This invitation expires <Time iso={invite.expiresAt!} />.
      </p>
    </>
  );
}
