import type { Metadata } from "next";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { DeleteOrganization } from "./_components/delete-organization";
import { LogoPanel } from "./_components/logo-panel";
import { SettingsSection } from "./_components/settings-section";

export const metadata: Metadata = { title: "Organization settings" };

const GENERAL = [
  { name: "name", kind: "text", label: "Name", hint: "Shown to members and in invitations.", maxLength: 64 },
  { name: "slug", kind: "text", label: "Slug", hint: "Lower-case letters, numbers and hyphens; unique across this installation.", maxLength: 48 },
] as const;

const MEMBERS = [
  { name: "members_can_invite", kind: "checkbox", label: "Members can invite people", hint: "When off, only admins and owners send invitations." },
  { name: "is_member_join_email_enabled", kind: "checkbox", label: "Email members when someone joins", hint: "A short notice to the organization when a new member accepts an invitation." },
  { name: "members_can_create_projects", kind: "checkbox", label: "Members can create projects", hint: "When off, only admins and owners create projects." },
  {
    name: "allow_domain_discovery",
    kind: "checkbox",
    label: "Let people with a verified email at your verified domains find this organization",
    hint: "They see it among the organizations they may join (the directory API's suggestions); it stays hidden from everyone else.",
  },
] as const;

const SECURITY = [
  { name: "enforce_2fa", kind: "checkbox", label: "Require two-factor authentication", hint: "Sessions signed in without a second factor cannot open this organization. Turn it on from a session that has one." },
  {
    name: "members_can_use_personal_api_keys",
    kind: "checkbox",
    label: "Members can use personal API keys",
    hint: "When off, keys of members below admin are refused for this organization.",
  },
] as const;

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const level = organization.membership_level;
  const canEdit = levelGrants(level, "organization:write");
  const canDelete = levelGrants(level, "organization:delete");
  const members = `${organization.member_count} ${organization.member_count === 1 ? "member" : "members"}`;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Organization settings" description={`${organization.name} · ${members}`} />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can change these settings. You can see them as a member.
        </p>
      )}
      <div className="space-y-6">
        <SettingsSection title="General" fields={GENERAL} organization={organization} canEdit={canEdit} />
        <LogoPanel organization={organization} canEdit={canEdit} />
        <SettingsSection title="Members" fields={MEMBERS} organization={organization} canEdit={canEdit} />
        <SettingsSection title="Security" fields={SECURITY} organization={organization} canEdit={canEdit} />
        {canDelete && <DeleteOrganization organization={{ id: organization.id, name: organization.name }} />}
      </div>
    </div>
  );
}
