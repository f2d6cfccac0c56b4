import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in refused" };

const REASONS: Record<string, { title: string; body: string }> = {
  deactivated: {
    title: "This account is deactivated",
    body: "An administrator of this Orgdeck installation deactivated your account, so you cannot sign in. Ask them to reactivate it if you still need access.",
  },
  unverified: {
    title: "Your identity provider has not verified this email address",
    body: "Orgdeck finds your account and your invitations by your email address, so your identity provider must confirm that the address is yours. Verify the address with your identity provider, then sign in again.",
  },
  throttled: {
    title: "Too many sign-in attempts",
    body: "This address has started too many sign-ins in the last minute. Wait a minute, then sign in again.",
  },
  no_email: {
    title: "No email address was shared",
    body: "Your identity provider did not send an email address, which Orgdeck needs to know who you are. Allow the email scope for this application and sign in again.",
  },
};

export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason = "" } = await searchParams;
  const text = REASONS[reason] ?? { title: "You cannot sign in", body: "Your sign-in was refused. Try again, or ask an administrator." };
  return (
    <>
      <h1 className="text-lg font-semibold tracking-tight">{text.title}</h1>
      <p className="mt-2 text-muted">{text.body}</p>
      <Link href="/signin" className="mt-6 inline-block font-medium text-accent-text underline-offset-2 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
