import type { Metadata } from "next";
import { getProject } from "@/lib/services/projects";
import { loadMe, openOrganization } from "../../../../_lib/load";
import { runOrNotFound, titleOf } from "../../../../_lib/run-or-not-found";
import { ProjectSettings } from "../_components/project-settings";

type Params = { params: Promise<{ organization_id: string; project_id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { organization_id, project_id } = await params;
  return { title: await titleOf(getProject, organization_id, { id: project_id }, (p) => `${p.name} · Projects`, "Projects") };
}

export default async function ProjectPage({ params }: Params) {
  const { organization_id, project_id } = await params;
  const organization = await openOrganization(organization_id);
  const [project, me] = await Promise.all([runOrNotFound(getProject, organization.id, { id: project_id }), loadMe()]);
  return <ProjectSettings organizationId={organization.id} initial={project} myUuid={me.uuid} />;
}
