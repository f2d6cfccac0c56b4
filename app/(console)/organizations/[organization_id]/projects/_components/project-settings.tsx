"use client";

import Link from "next/link";
import type { Project } from "@/lib/query/types";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { Badge } from "@/components/ui/badge";
import { CopyValue } from "../../domains/_components/copy-value";
import { DangerZone } from "./danger-zone";
import { ProjectAccess } from "./project-access";
import { SETTING_SECTIONS } from "./setting-sections";
import { ProjectSettingsSection } from "./settings-section";
import { useProject } from "./use-project";

type Props = { organizationId: string; initial: Project; myUuid: string };

const ACCESS_WORDS = { admin: "You are an admin of this project.", member: "You are a member of this project: its name, access and tokens are for its admins.", none: "" };

/** A project's settings page: its identity and tokens, each settings section, who has access, and the danger zone. */
export function ProjectSettings({ organizationId, initial, myUuid }: Props) {
  const { data: project } = useProject(organizationId, initial);
  const effective = project.effective_membership_level;
  const locked = project.is_pending_deletion ? "This project is being deleted." : null;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link href={`/organizations/${organizationId}/projects`} className="text-accent-text hover:underline">
          ← Projects
        </Link>
      </p>
      <PageHeader
        title={project.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {project.access_control ? <Badge tone="warn">Private</Badge> : <Badge tone="ok">Everyone in the organization</Badge>}
            {project.is_demo && <Badge>Demo project</Badge>}
            <span>
              Created <Time iso={project.created_at} />. {ACCESS_WORDS[project.user_access_level]}
            </span>
          </span>
        }
      />
      {locked && (
        <p role="note" className="mb-6 rounded-md border border-danger/40 bg-danger-bg px-3 py-2 text-danger-text">
          {locked} Its settings can no longer be changed.
        </p>
      )}
      <nav aria-label="Project settings sections" className="mb-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {[...SETTING_SECTIONS.map((s) => ({ id: s.id, title: s.title })), { id: "access", title: "Access" }, { id: "danger", title: "Danger zone" }].map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} className="text-accent-text hover:underline">
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-6">
        <Panel title="Identity and tokens" description="The public token goes into the capture snippet; it only sends data in. The secret token was shown when it was made.">
          <dl className="space-y-3">
            <CopyValue label="Project API token" value={project.api_token} />
            <CopyValue label="Project ID" value={String(project.id)} />
            <CopyValue label="Project UUID" value={project.uuid} />
          </dl>
        </Panel>
        {SETTING_SECTIONS.map((section) => (
          <ProjectSettingsSection key={section.id} section={section} project={project} organizationId={organizationId} effective={effective} locked={locked} />
        ))}
        <div id="access" className="scroll-mt-6">
          <ProjectAccess organizationId={organizationId} project={project} effective={effective} myUuid={myUuid} />
        </div>
        <div id="danger" className="scroll-mt-6">
          <DangerZone organizationId={organizationId} project={project} effective={effective} />
        </div>
      </div>
    </div>
  );
}
