import type { Metadata } from "next";
import Link from "next/link";
import { levelGrants } from "@/lib/auth/permissions";
import { getBatchExport } from "@/lib/services/batch-exports";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { openOrganization } from "../../../../_lib/load";
import { runOrNotFound, titleOf } from "../../../../_lib/run-or-not-found";
import { BackfillPanel } from "../_components/backfill-panel";
import { DeletePanel } from "../_components/delete-panel";
import { ExportForm } from "../_components/export-form";
import { destinationWords, INTERVAL_LABELS, MODEL_LABELS } from "../_components/export-words";
import { RunHistory } from "../_components/run-history";
import { RunLogs } from "../_components/run-logs";
import { SchedulePanel } from "../_components/schedule-panel";

type Params = { params: Promise<{ organization_id: string; batch_export_id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { organization_id, batch_export_id } = await params;
  return { title: await titleOf(getBatchExport, organization_id, { id: batch_export_id }, (e) => `${e.name} · Batch exports`, "Batch exports") };
}

export default async function BatchExportPage({ params }: Params) {
  const { organization_id, batch_export_id } = await params;
  const organization = await openOrganization(organization_id);
  const saved = await runOrNotFound(getBatchExport, organization.id, { id: batch_export_id });
  const canEdit = levelGrants(organization.membership_level, "batch_export:write");
  const ids = { organizationId: organization.id, id: saved.id };
  // The settings form starts over when the saved definition changes, not when only its runs do.
  const { latest_runs: _runs, ...definition } = saved;
  return (
    <div className="mx-auto max-w-5xl">
      <p className="mb-2">
        <Link href={`/organizations/${organization.id}/batch-exports`} className="text-accent-text hover:underline">
          ← Batch exports
        </Link>
      </p>
      <PageHeader
        title={saved.name}
        description={
          <>
            {MODEL_LABELS[saved.model]} to {destinationWords(saved)}, {INTERVAL_LABELS[saved.interval].toLowerCase()}. Created <Time iso={saved.created_at} />.
          </>
        }
      />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can change, pause, backfill or delete this export, retry its runs or test its destination. You can see its settings, runs and logs as a
          member.
        </p>
      )}
      <div className="space-y-6">
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <SchedulePanel {...ids} name={saved.name} paused={saved.paused} lastPausedAt={saved.last_paused_at} canEdit={canEdit} />
          <BackfillPanel {...ids} canEdit={canEdit} />
        </div>
        <RunHistory {...ids} canEdit={canEdit} />
        <RunLogs {...ids} />
        <ExportForm key={JSON.stringify(definition)} organizationId={organization.id} saved={saved} canEdit={canEdit} />
        {canEdit && <DeletePanel {...ids} name={saved.name} />}
      </div>
    </div>
  );
}
