import type { Metadata } from "next";
import Link from "next/link";
import { signInAction } from "@/lib/actions/auth";
import { ssoRequirementOf } from "@/lib/actions/session";
import { SIGN_IN_METHOD_NAMES } from "@/lib/services/saml/sso-policy";
import { Button } from "@/components/ui/button";
import { REFUSALS } from "./reasons";

export const metadata: Metadata = { title: "Sign-in refused" };

/** Why a sign-in was refused, in words; when an organization requires single sign-on, the way in it requires. */
export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string; domain?: string }> }) {
  const { reason = "", domain = "" } = await searchParams;
  const required = reason === "sso_required" && domain ? await ssoRequirementOf(domain) : null;
  const text = required
    ? {
        title: `${required.organizationName} requires single sign-on`,
        body: `Addresses at ${required.domain} sign in with ${SIGN_IN_METHOD_NAMES[required.enforcement] ?? required.enforcement}, as ${required.organizationName} requires. Other ways of signing in are refused for them.`,
      }
    : (REFUSALS[reason]?.(domain) ?? { title: "You cannot sign in", body: "Your sign-in was refused. Try again, or ask an administrator." });
  return (
    <>
      <h1 className="text-lg font-semibold tracking-tight">{text.title}</h1>
      <p className="mt-2 text-muted">{text.body}</p>
      {required && (
        <form action={signInAction} className="mt-6">
          <input type="hidden" name="callbackUrl" value="/" />
          {required.samlConnectionId && <input type="hidden" name="samlConnection" value={required.samlConnectionId} />}
          <Button type="submit" variant="primary" className="w-full">
            Continue with {SIGN_IN_METHOD_NAMES[required.enforcement] ?? required.enforcement}
          </Button>
        </form>
      )}
      <Link href="/signin" className="mt-6 inline-block font-medium text-accent-text underline-offset-2 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
