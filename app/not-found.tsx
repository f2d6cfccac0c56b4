import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** A URL that matches no page at all. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-sidebar px-4">
      <div className="max-w-sm rounded-lg border border-line bg-surface p-6">
        <p className="text-xs font-medium text-muted">404</p>
        <h1 className="mt-1 text-lg font-semibold">Page not found</h1>
        <p className="mt-2 text-muted">There is nothing at this address.</p>
        <Link href="/" className="mt-5 inline-block font-medium text-accent-text underline-offset-2 hover:underline">
          Go to the console
        </Link>
      </div>
    </main>
  );
}
