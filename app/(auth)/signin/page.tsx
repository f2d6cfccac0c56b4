import { redirect } from "next/navigation";
import { signInAction } from "@/lib/actions/auth";
import { currentPrincipal } from "@/lib/actions/session";
import { oidcSettings } from "@/lib/auth/oidc-settings";

export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  Configuration: "Sign-in is not configured correctly on this server. An administrator should check OIDC_ISSUER and the client settings.",
  AccessDenied: "The identity provider did not let you in. Try again, or ask an administrator.",
  OAuthCallbackError: "The identity provider returned an error. Try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl = "/", error } = await searchParams;
  const principal = await currentPrincipal();
  if (principal) redirect(callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/");
  const oidc = oidcSettings();
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Manage your organization, its members and API keys.</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      {oidc?.development && (
        <p role="note" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <strong>Development identity provider.</strong> Any email address signs in without a password. Set{" "}
          <code>OIDC_ISSUER</code> to use your own provider.
        </p>
      )}
      {oidc ? (
        <form action={signInAction} className="mt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            {oidc.development ? "Continue with the development provider" : "Continue with single sign-on"}
          </button>
        </form>
      ) : (
        <p className="mt-6 text-sm text-zinc-700 dark:text-zinc-300">No identity provider is configured.</p>
      )}
    </>
  );
}
