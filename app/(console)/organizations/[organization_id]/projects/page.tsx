import type { Metadata } from "next";
import { getProjectCreation } from "@/lib/services/projects/creation";
import { run } from "@/lib/services/run";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization, signedInPrincipal } from "../../../_lib/load";
import { NewProjectButton } from "./_components/new-project-dialog";
import { ProjectList } from "./_components/project-list";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const creation = await run(getProjectCreation, { principal: await signedInPrincipal(), organizationId: organization.id, input: {} });
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Projects"
        description={`The projects of ${organization.name} you can open: each has its own settings, API tokens and, when private, its own people.`}
        actions={<NewProjectButton organizationId={organization.id} deniedReason={creation.can_create ? null : (creation.reason ?? "You can't create projects here.")} />}
      />
      <ProjectList organizationId={organization.id} canCreate={creation.can_create} />
    </div>
  );
}
