import Link from "next/link";

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const configuration = error === "Configuration";
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">Sign-in did not complete</h1>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
        {configuration
          ? "The server could not talk to its identity provider. An administrator should check OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."
          : "Something went wrong between Orgdeck and your identity provider. Start again; if it keeps happening, ask an administrator."}
      </p>
      <Link href="/signin" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        Back to sign in
      </Link>
    </>
  );
}
