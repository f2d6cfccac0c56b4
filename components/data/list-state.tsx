"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";

/** What a list shows instead of rows: while loading, when it failed, when it is empty. */
export type ListStatus =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "empty"; title: string; body?: React.ReactNode; action?: React.ReactNode }
  | { state: "ready" };

/**
 * A list's place while it has no rows to show: skeletons while loading, the failure with a reload, or the empty
 * state. Tables (`DataTable`) and lists of entries show the same.
 */
export function ListState({ status, noun }: { status: Exclude<ListStatus, { state: "ready" }>; noun: string }) {
  if (status.state === "loading") {
    return (
      <div role="status" aria-label={`Loading ${noun}`} className="space-y-2">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-11" />
        ))}
      </div>
    );
  }
  if (status.state === "error") {
    return (
      <EmptyState title={`The ${noun} could not be loaded`} action={<Button onClick={() => window.location.reload()}>Reload</Button>}>
        {status.message}
      </EmptyState>
    );
  }
  return (
    <EmptyState title={status.title} action={status.action}>
      {status.body}
    </EmptyState>
  );
}
