import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { levelGrants } from "@/lib/auth/permissions";
import { endSentence } from "@/lib/format/sentence";
import { listInvites } from "@/lib/services/invites";
import { getMemberOrigin } from "@/lib/services/member-origin";
import { listPersonalApiKeys } from "@/lib/services/personal-api-keys";
import { run } from "@/lib/services/run";
import { PageHeader } from "@/components/ui/page-header";
import { displayName } from "@/components/shell/display-name";
import { loadMe, openOrganization, signedInPrincipal } from "../../../_lib/load";
import { InvitePeople } from "../invites/_components/invite-people";
import { GettingStarted, type ChecklistItem } from "./_components/getting-started";
import { LeaveOrganization } from "./_components/leave-organization";
import { LevelsExplained } from "./_components/levels-explained";
import { MembersList } from "./_components/members-list";
import { WelcomeToast } from "./_components/welcome-toast";

export const metadata: Metadata = { title: "Members" };

type Organization = Awaited<ReturnType<typeof openOrganization>>;

/** The first steps of a new organization, each done or not from its data: people invited or joined, a key of one's own. */
async function setupSteps(organization: Organization): Promise<ChecklistItem[]> {
  const principal = await signedInPrincipal();
  const [invites, keys] = await Promise.all([
    run(listInvites, { principal, organizationId: organization.id, input: { limit: 1 } }),
    run(listPersonalApiKeys, { principal, input: { limit: 1 } }),
  ]);
  return [
    {
      id: "invite",
      title: "Invite your team",
      body: "Invite the people you work with; they join at the level you choose.",
      href: `/organizations/${organization.id}/invites`,
      done: organization.member_count > 1 || invites.count > 0,
    },
    {
      id: "api-key",
      title: "Create an API key",
      body: "A personal API key lets your scripts and tools use the API as you.",
      href: "/account/api-keys",
      done: keys.count > 0,
    },
  ];
}

/** "Welcome to Acme Inc. Ada Lovelace invited you.", for someone who has just accepted an invitation. */
async function welcome(organization: Organization) {
  const origin = await run(getMemberOrigin, { principal: await signedInPrincipal(), organizationId: organization.id, input: { user__uuid: "@me" } });
  const inviter = origin.invitation?.invited_by;
  return `${endSentence(`Welcome to ${organization.name}`)}${inviter ? ` ${displayName(inviter)} invited you.` : ""}`;
}

export default async function MembersPage({ params, searchParams }: { params: Promise<{ organization_id: string }>; searchParams: Promise<{ welcome?: string }> }) {
  const [organization, me] = await Promise.all([openOrganization((await params).organization_id), loadMe()]);
  const level = organization.membership_level;
  // openOrganization admits members only; a caller without a level has nothing to manage here.
  if (level === null) notFound();
  const [steps, welcomeMessage] = await Promise.all([
    levelGrants(level, "organization:write") ? setupSteps(organization) : null,
    (await searchParams).welcome === "1" ? welcome(organization) : null,
  ]);
  const count = `${organization.member_count} ${organization.member_count === 1 ? "member" : "members"}`;
  const summary = { id: organization.id, name: organization.name };
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Members"
        description={`${organization.name} · ${count}. Admins and owners change levels and remove people.`}
        actions={<InvitePeople organization={organization} />}
      />
      {steps && <GettingStarted organization={summary} userUuid={me.uuid} items={steps} />}
      <MembersList organization={summary} viewer={{ uuid: me.uuid, level }} />
      <LevelsExplained />
      <div className="mt-10">
        <LeaveOrganization organization={summary} level={level} />
      </div>
      {welcomeMessage && <WelcomeToast message={welcomeMessage} />}
    </div>
  );
}
