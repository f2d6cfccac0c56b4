import { ConsoleShell } from "@/components/shell/console-shell";
import { DevIdpBadge } from "@/components/shell/dev-idp-badge";
import { OrganizationSwitcher } from "@/components/shell/organization-switcher";
import { PendingInvites } from "@/components/shell/pending-invites";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { oidcSettings } from "@/lib/auth/oidc-settings";
import { listMyInvites } from "@/lib/services/invite-accept";
import { listMyOrganizationLogos } from "@/lib/services/organization-logo";
import { run } from "@/lib/services/run";
import { loadMe, signedInPrincipal } from "./_lib/load";
import { updateMeAction } from "./account/profile/actions";

export const dynamic = "force-dynamic";

/** Every console page: signed in only, inside the shell. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const principal = await signedInPrincipal();
  const [me, myInvites, logos] = await Promise.all([loadMe(), run(listMyInvites, { principal }), run(listMyOrganizationLogos, { principal })]);
  const currentOrganizationId = me.organization?.id ?? null;
  return (
    <ConsoleShell
      sidebarTop={<OrganizationSwitcher organizations={me.organizations} currentOrganizationId={currentOrganizationId} switchOrganization={updateMeAction} logos={logos} />}
      nav={<SidebarNav currentOrganizationId={currentOrganizationId} organizationIds={me.organizations.map((o) => o.id)} />}
      sidebarBottom={
        <>
          {oidcSettings()?.development && <DevIdpBadge />}
          <ThemeToggle />
          {/* The picture is not part of the documented user object: it reaches the console from the session's user. */}
          <UserMenu me={me} picture={principal.user?.picture ?? null} />
        </>
      }
    >
      <PendingInvites invites={myInvites} />
      {children}
    </ConsoleShell>
  );
}
