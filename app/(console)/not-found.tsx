import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not found" };

/** An unknown organization and one the person does not belong to look the same: not found. */
export default function ConsoleNotFound() {
  return (
    <div className="mx-auto max-w-lg py-10">
      <div className="rounded-lg border border-line bg-surface p-6">
        <p className="text-xs font-medium text-muted">404</p>
        <h1 className="mt-1 text-lg font-semibold">Not found</h1>
        <p className="mt-2 text-muted">
          This organization or page does not exist, or you are not a member of it. Pick one of your organizations from the switcher,
          or ask an admin to invite you.
        </p>
        <Link href="/" className={buttonClass("primary", "md", "mt-5")}>
          Go to your organization
        </Link>
      </div>
    </div>
  );
}
