"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { acceptInviteAction } from "../actions";

/** Accepts on click, or at once when the person has just signed in to accept (`auto`). */
export function AcceptButton({ token, auto }: { token: string; auto: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const accept = () =>
    start(async () => {
      const result = await acceptInviteAction(token);
      if (result) setError(result.error);
    });
  useEffect(() => {
    if (auto && !started.current) {
      started.current = true;
      accept();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto]);
  return (
    <div className="mt-6">
      <button type="button" onClick={accept} disabled={pending} aria-busy={pending || undefined} className={buttonClass("primary", "md", "w-full")}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
