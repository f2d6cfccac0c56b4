"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";

export type ChecklistItem = { id: string; title: string; body: string; href: string; done: boolean };

type Props = { organization: { id: string; name: string }; userUuid: string; items: ChecklistItem[] };

const CHANGED = "orgdeck:getting-started";
const storageKey = (userUuid: string, organizationId: string) => `orgdeck:getting-started-dismissed:${userUuid}:${organizationId}`;

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * The first steps of a new organization, each done or not from the organization's own data, until its admin dismisses
 * the list. Dismissal is remembered in this browser, per person and organization (local storage); it is not shown
 * while the page renders on the server, which cannot know.
 */
export function GettingStarted({ organization, userUuid, items }: Props) {
  const key = storageKey(userUuid, organization.id);
  const dismissed = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key) === "1",
    () => true,
  );
  if (dismissed) return null;
  const remaining = items.filter((item) => !item.done).length;

  function dismiss() {
    window.localStorage.setItem(key, "1");
    window.dispatchEvent(new Event(CHANGED));
    document.getElementById("main")?.focus();
  }

  return (
    <div className="mb-6">
      <Panel
        title="Get started"
        description={
          remaining === 0
            ? `${organization.name} is set up. You can dismiss this list.`
            : `A few steps to set up ${organization.name}: ${remaining} of ${items.length} still to do.`
        }
        footer={
          <Button size="sm" onClick={dismiss}>
            Dismiss checklist
          </Button>
        }
      >
        <ol aria-label="Setup steps" className="space-y-3">
          {items.map((item) => (
            <li key={item.id} className="flex items-start gap-3">
              <span
                aria-hidden="true"
                className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full border text-xs ${
                  item.done ? "border-ok-text bg-ok-bg text-ok-text" : "border-line-strong text-muted"
                }`}
              >
                {item.done ? "✓" : ""}
              </span>
              <div className="min-w-0">
                <Link href={item.href} className="font-medium text-accent-text hover:underline">
                  {item.title}
                </Link>{" "}
                {item.done ? <Badge tone="ok">Done</Badge> : <Badge>Not done</Badge>}
                <p className="text-muted">{item.body}</p>
              </div>
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
