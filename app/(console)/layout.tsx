import { ConsoleShell } from "@/components/shell/console-shell";
import { DevIdpBadge } from "@/components/shell/dev-idp-badge";
import { OrganizationSwitcher } from "@/components/shell/organization-switcher";
import { PendingInvites } from "@/components/shell/pending-invites";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { oidcSettings } from "@/lib/auth/oidc-settings";
import { listMyInvites } from "@/lib/services/invite-accept";
import { run } from "@/lib/services/run";
import { loadMe, signedInPrincipal } from "./_lib/load";
import { updateMeAction } from "./account/profile/actions";

export const dynamic = "force-dynamic";

/** Every console page: signed in only, inside the shell. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const [me, myInvites] = await Promise.all([loadMe(), signedInPrincipal().then((principal) => run(listMyInvites, { principal }))]);
  const currentOrganizationId = me.organization?.id ?? null;
  return (
    <ConsoleShell
      sidebarTop={<OrganizationSwitcher organizations={me.organizations} currentOrganizationId={currentOrganizationId} switchOrganization={updateMeAction} />}
      nav={<SidebarNav currentOrganizationId={currentOrganizationId} organizationIds={me.organizations.map((o) => o.id)} />}
      sidebarBottom={
        <>
          {oidcSettings()?.development && <DevIdpBadge />}
          <ThemeToggle />
          <UserMenu me={me} />
        </>
      }
    >
      <PendingInvites invites={myInvites} />
      {children}
    </ConsoleShell>
  );
}
