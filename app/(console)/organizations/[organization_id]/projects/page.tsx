import type { Metadata } from "next";
import { MEMBER } from "@/lib/auth/permissions";
import { createProjectDenial } from "@/lib/auth/project-rules";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { NewProjectButton } from "./_components/new-project-dialog";
import { ProjectList } from "./_components/project-list";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const denial = createProjectDenial(organization.membership_level ?? MEMBER, organization.members_can_create_projects);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Projects"
        description={`The projects of ${organization.name} you can open: each has its own settings, API tokens and, when private, its own people.`}
        actions={<NewProjectButton organizationId={organization.id} deniedReason={denial?.hint ?? null} />}
      />
      <ProjectList organizationId={organization.id} canCreate={denial === null} />
    </div>
  );
}
