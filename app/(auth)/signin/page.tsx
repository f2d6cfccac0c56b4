import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { continueSignInAction, signInAction } from "@/lib/actions/auth";
import { currentPrincipal, signInRoutes, siteReturnPath } from "@/lib/actions/session";
import { oidcSettings } from "@/lib/auth/oidc-settings";
import { canonicalEmail } from "@/lib/schemas/common";
import { TextField } from "@/components/form/field";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Configuration: "Sign-in is not configured correctly on this server. An administrator should check OIDC_ISSUER and the client settings.",
  AccessDenied: "The identity provider did not let you in. Try again, or ask an administrator.",
  OAuthCallbackError: "The identity provider returned an error. Try again.",
  InvalidEmail: "Enter your email address, like name@example.com.",
};

type Search = { callbackUrl?: string; error?: string; email?: string };

/** Email first: the address decides where sign-in goes (its organization's required single sign-on, or a choice). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const callbackUrl = siteReturnPath(params.callbackUrl);
  const principal = await currentPrincipal();
  if (principal) redirect(callbackUrl);
  const oidc = oidcSettings();
  const email = params.email ? canonicalEmail(params.email) : null;
  const routes = email ? await signInRoutes(email) : null;
  return (
    <>
      <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-muted">Manage your organizations, their members and your API keys.</p>
      {params.error && (
        <p role="alert" className="mt-4 rounded-md bg-danger-bg p-3 text-danger-text">
          {ERRORS[params.error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      {oidc?.development && (
        <p role="note" className="mt-4 rounded-md bg-warn-bg p-3 text-warn-text">
          <strong>Development identity provider.</strong> Any email address signs in without a password. Set <code>OIDC_ISSUER</code> to use
          your own provider.
        </p>
      )}
      {email && routes?.samlConnectionId ? (
        <div className="mt-6 space-y-3">
          <p>
            Sign in as <strong>{email}</strong>
          </p>
          <form action={signInAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <input type="hidden" name="samlConnection" value={routes.samlConnectionId} />
            <Button type="submit" variant="primary" className="w-full">
              Continue with {routes.organizationName} single sign-on
            </Button>
          </form>
          {oidc && (
            <form action={signInAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <input type="hidden" name="loginHint" value={email} />
              <Button type="submit" className="w-full">
                {oidc.development ? "Continue with the development provider" : "Continue with OpenID Connect"}
              </Button>
            </form>
          )}
          <Link href={`/signin?${new URLSearchParams({ callbackUrl })}`} className="inline-block font-medium text-accent-text underline-offset-2 hover:underline">
            Use another email address
          </Link>
        </div>
      ) : (
        <form action={continueSignInAction} className="mt-6 space-y-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <TextField label="Email address" name="email" type="email" autoComplete="email" required defaultValue={params.email ?? ""} />
          <Button type="submit" variant="primary" className="w-full">
            Continue
          </Button>
        </form>
      )}
    </>
  );
}
