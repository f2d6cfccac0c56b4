"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { discardPendingAction, returnUrlFor, savePendingAction, takePendingAction } from "./pending-action";

const REAUTH_REQUIRED = "sensitive_action_required_reauth";

/**
 * Runs a server action that may ask for a recent sign-in (`sensitive_action_required_reauth`). Then it keeps the
 * input, opens "Confirm it's you" (render `<ReauthDialog {...confirm} />`), and once the person is back from the
 * identity provider completes the action by itself. `name` identifies the action across the round trip.
 */
export function useSensitiveAction<I, R>(name: string, action: (input: I) => Promise<ActionResult<R>>, onResult: (result: ActionResult<R>) => void) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);

  async function run(input: I) {
    const result = await action(input);
    if (!result.ok && result.error.code === REAUTH_REQUIRED) {
      savePendingAction(sessionStorage, name, input);
      setConfirming(true);
      return;
    }
    onResult(result);
  }

  useEffect(() => {
    const pending = takePendingAction(sessionStorage, name, new URL(window.location.href));
    if (!pending) return;
    // Complete the action first, then drop the marker from the URL: the navigation then renders what the action changed.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- run() sets state only after the awaited server action
    void run(pending.input as I).then(() => router.replace(pending.cleanUrl, { scroll: false }));
    // Only on arrival: the marker is taken from the URL once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    run,
    confirm: {
      open: confirming,
      callbackUrl: () => returnUrlFor(name, new URL(window.location.href)),
      onCancel: () => {
        discardPendingAction(sessionStorage, name);
        setConfirming(false);
      },
    },
  };
}
