"use client";

import { signOutAction } from "@/lib/actions/auth";
import type { Me } from "@/lib/query/types";
import { Avatar } from "@/components/ui/avatar";
import { Menu } from "@/components/ui/menu";
import { displayName } from "./display-name";

/** Who is signed in (their picture from the identity provider, else initials), their account pages, and signing out. */
export function UserMenu({ me, picture = null }: { me: Pick<Me, "first_name" | "last_name" | "email">; picture?: string | null }) {
  const name = displayName(me);
  return (
    <Menu
      placement="above"
      buttonClassName="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-subtle"
      items={[
        { kind: "link", label: "Profile", href: "/account/profile" },
        { kind: "link", label: "Personal API keys", href: "/account/api-keys" },
        { kind: "separator" },
        { kind: "action", label: "Sign out", onSelect: () => void signOutAction() },
      ]}
      trigger={
        <>
          <Avatar person={{ ...me, picture }} size="md" />
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{name}</span>
            <span className="block truncate text-xs text-muted">{me.email}</span>
          </span>
        </>
      }
    />
  );
}
