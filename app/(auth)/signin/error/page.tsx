import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in error" };

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const configuration = error === "Configuration";
  return (
    <>
      <h1 className="text-lg font-semibold tracking-tight">Sign-in did not complete</h1>
      <p className="mt-2 text-muted">
        {configuration
          ? "The server could not talk to its identity provider. An administrator should check OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."
          : "Something went wrong between Orgdeck and your identity provider. Start again; if it keeps happening, ask an administrator."}
      </p>
      <Link href="/signin" className="mt-6 inline-block font-medium text-accent-text underline-offset-2 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
