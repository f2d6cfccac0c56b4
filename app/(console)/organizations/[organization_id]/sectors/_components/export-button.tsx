"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** The file name the server gave in Content-Disposition, or a fallback. */
function filenameOf(res: Response) {
  const match = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "");
  return match?.[1] ?? "pairwise-subjects.csv";
}

/**
 * Downloads (user, sector, subject) as CSV: one sector, or every sector when none is given. The export is a POST (it
 * is recorded in the activity log), so the file is fetched and handed to the browser rather than linked.
 */
export function ExportButton({ organizationId, sector, label }: { organizationId: string; sector?: string; label: string }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  function download() {
    startTransition(async () => {
      const res = await fetch(`/api/organizations/${organizationId}/pairwise_subjects/export/`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(sector === undefined ? {} : { sector }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { detail?: string } | null;
        return toast(body?.detail ?? "The export could not be made.", "error");
      }
      const url = URL.createObjectURL(await res.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: filenameOf(res) });
      link.click();
      URL.revokeObjectURL(url);
      toast("The CSV file is downloaded.");
    });
  }
  return (
    <Button size="sm" pending={pending} onClick={download}>
      {label}
    </Button>
  );
}
