"use client";

import { usePathname } from "next/navigation";
import { reauthenticateAction } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";

/**
 * What a session without a second factor sees in an organization that requires one: why, and a fresh
 * sign-in that comes back to this very page.
 */
export function TwoFactorRequired({ organizationName }: { organizationName: string | null }) {
  const pathname = usePathname();
  return (
    <div className="mx-auto max-w-lg py-10">
      <div className="rounded-lg border border-line bg-surface p-6">
        <h1 className="text-lg font-semibold">Two-factor authentication required</h1>
        <p className="mt-2 text-muted">
          {organizationName ?? "This organization"} requires everyone to sign in with a second factor. You signed in without one, so
          its pages stay closed until you sign in again with it.
        </p>
        <form action={reauthenticateAction} className="mt-5">
          <input type="hidden" name="callbackUrl" value={pathname} />
          <Button type="submit" variant="primary">
            Sign in again with a second factor
          </Button>
        </form>
      </div>
    </div>
  );
}
