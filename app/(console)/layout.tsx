import { ConsoleShell } from "@/components/shell/console-shell";
import { DevIdpBadge } from "@/components/shell/dev-idp-badge";
import { OrganizationSwitcher } from "@/components/shell/organization-switcher";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { oidcSettings } from "@/lib/auth/oidc-settings";
import { loadMe } from "./_lib/load";
import { updateMeAction } from "./account/profile/actions";

export const dynamic = "force-dynamic";

/** Every console page: signed in only, inside the shell. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const me = await loadMe();
  const currentOrganizationId = me.organization?.id ?? null;
  return (
    <ConsoleShell
      sidebarTop={<OrganizationSwitcher organizations={me.organizations} currentOrganizationId={currentOrganizationId} switchOrganization={updateMeAction} />}
      nav={<SidebarNav currentOrganizationId={currentOrganizationId} />}
      sidebarBottom={
        <>
          {oidcSettings()?.development && <DevIdpBadge />}
          <ThemeToggle />
          <UserMenu me={me} />
        </>
      }
    >
      {children}
    </ConsoleShell>
  );
}
