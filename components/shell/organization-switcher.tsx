"use client";

import { useParams, usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import type { OrganizationSummary } from "@/lib/query/types";
import { mediaPath } from "@/lib/schemas/media";
import { Menu, type MenuItem } from "@/components/ui/menu";
import { OrganizationLogo } from "@/components/ui/organization-logo";
import { useToast } from "@/components/ui/toast";

type SwitchAction = (organizationId: undefined, input: { user_id: "@me"; set_current_organization: string }) => Promise<ActionResult<unknown>>;

type Props = {
  organizations: OrganizationSummary[];
  currentOrganizationId: string | null;
  switchOrganization: SwitchAction;
  /** Logo media ids by organization id; an organization without one shows its initials. */
  logos?: Record<string, string>;
};

/** The organization of this page, else the current one. */
function useShownOrganization(organizations: OrganizationSummary[], currentOrganizationId: string | null) {
  const { organization_id } = useParams<{ organization_id?: string }>();
  return organizations.find((o) => o.id === organization_id) ?? organizations.find((o) => o.id === currentOrganizationId) ?? null;
}

/**
 * Lists all the person's organizations; choosing one makes it their current organization (`set_current_organization`)
 * and opens the same section there.
 */
export function OrganizationSwitcher({ organizations, currentOrganizationId, switchOrganization, logos = {} }: Props) {
  const shown = useShownOrganization(organizations, currentOrganizationId);
  const pathname = usePathname();
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();

  function switchTo(id: string) {
    startTransition(async () => {
      const result = await switchOrganization(undefined, { user_id: "@me", set_current_organization: id });
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      const section = pathname.match(/^\/organizations\/[^/]+\/([^/]+)/)?.[1] ?? "settings";
      router.push(`/organizations/${id}/${section}`);
      router.refresh();
    });
  }

  const logoOf = (id: string) => (logos[id] ? mediaPath(logos[id]) : null);
  const items: MenuItem[] = [
    ...organizations.map((o): MenuItem => ({ kind: "action", label: (
        <span className="flex min-w-0 items-center gap-2">
          <OrganizationLogo name={o.name} src={logoOf(o.id)} size="sm" />
          <span className="truncate">{o.name}</span>
        </span>
      ), checked: o.id === shown?.id, onSelect: () => switchTo(o.id) })),
    ...(organizations.length > 0 ? [{ kind: "separator" } as const] : []),
    { kind: "link", label: "New organization", href: "/organizations/new" },
  ];

  return (
    <Menu
      items={items}
      buttonClassName="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-subtle"
      trigger={
        <>
          <OrganizationLogo name={shown?.name ?? "?"} src={shown ? logoOf(shown.id) : null} size="md" />
          <span className="min-w-0 flex-1">
            <span className="block text-xs text-muted">{pending ? "Switching…" : "Organization"}</span>
            <span className="block truncate font-medium">{shown?.name ?? "No organization"}</span>
          </span>
          <span aria-hidden="true" className="text-muted">
            ⌄
          </span>
        </>
      }
    />
  );
}
