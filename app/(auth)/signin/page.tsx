import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInAction } from "@/lib/actions/auth";
import { currentPrincipal, siteReturnPath } from "@/lib/actions/session";
import { oidcSettings } from "@/lib/auth/oidc-settings";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Configuration: "Sign-in is not configured correctly on this server. An administrator should check OIDC_ISSUER and the client settings.",
  AccessDenied: "The identity provider did not let you in. Try again, or ask an administrator.",
  OAuthCallbackError: "The identity provider returned an error. Try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = siteReturnPath(params.callbackUrl);
  const { error } = params;
  const principal = await currentPrincipal();
  if (principal) redirect(callbackUrl);
  const oidc = oidcSettings();
  return (
    <>
      <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-muted">Manage your organizations, their members and your API keys.</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-danger-bg p-3 text-danger-text">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      {oidc?.development && (
        <p role="note" className="mt-4 rounded-md bg-warn-bg p-3 text-warn-text">
          <strong>Development identity provider.</strong> Any email address signs in without a password. Set <code>OIDC_ISSUER</code> to use
          your own provider.
        </p>
      )}
      {oidc ? (
        <form action={signInAction} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="primary" className="w-full">
            {oidc.development ? "Continue with the development provider" : "Continue with single sign-on"}
          </Button>
        </form>
      ) : (
        <p className="mt-6 text-muted">No identity provider is configured.</p>
      )}
    </>
  );
}
