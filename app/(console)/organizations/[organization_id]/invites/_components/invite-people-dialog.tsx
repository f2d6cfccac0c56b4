"use client";

import { useState } from "react";
import type { Level } from "@/lib/auth/permissions";
import { Dialog } from "@/components/ui/dialog";
import { BulkInvite } from "./bulk-invite";
import { DelegateForm } from "./delegate-form";
import { InviteForm } from "./invite-form";
import { Tabs } from "./invite-tabs";

export type InviteTab = "one" | "several" | "setup";

export type InvitePeopleProps = {
  organization: { id: string; name: string };
  viewerLevel: Level;
  canDelegate: boolean;
  emailConfigured: boolean;
};

/** The one place invitations are written: one person, several at once, or a request to finish setting up. */
export function InvitePeopleDialog({ open, onClose, organization, viewerLevel, canDelegate, emailConfigured }: InvitePeopleProps & { open: boolean; onClose: () => void }) {
  const [tab, setTab] = useState<InviteTab>("one");
  const common = { emailConfigured, onCancel: onClose };
  return (
    <Dialog open={open} onClose={onClose} size="lg" title="Invite people" description={`People you invite join ${organization.name}. Each invitation link works once and for three days.`}>
      <Tabs
        label="How to invite"
        selected={tab}
        onSelect={setTab}
        tabs={[
          { key: "one", label: "One person", panel: <InviteForm organizationId={organization.id} viewerLevel={viewerLevel} {...common} /> },
          { key: "several", label: "Several people", panel: <BulkInvite organizationId={organization.id} viewerLevel={viewerLevel} {...common} /> },
          { key: "setup", label: "Ask someone to set up", panel: <DelegateForm organization={organization} canDelegate={canDelegate} {...common} /> },
        ]}
      />
    </Dialog>
  );
}
