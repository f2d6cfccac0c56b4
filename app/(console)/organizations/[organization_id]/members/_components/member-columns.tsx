"use client";

import type { Level } from "@/lib/auth/permissions";
import type { Member } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Email } from "@/components/ui/email";
import { Time } from "@/components/ui/time";
import { displayName } from "@/components/shell/display-name";
import { LevelControl } from "./level-control";

type Viewer = { uuid: string; level: Level };

/** The members: who they are, their level (a menu where the viewer may change it), second factor, joined, last login. */
export const MEMBER_COLUMNS = (viewer: Viewer, onChooseLevel: (member: Member, level: Level) => void, pictures: Record<string, string> = {}): Column<Member>[] => [
  {
    id: "name",
    header: "Name",
    cell: (m) => (
      <div className="flex items-center gap-2.5">
        <Avatar person={{ ...m.user, picture: pictures[m.user.uuid] ?? null }} />
        <div className="min-w-0">
          <span className="font-medium">{displayName(m.user)}</span> {m.user.uuid === viewer.uuid && <Badge tone="accent">You</Badge>}{" "}
          {m.search_match_type === "similar" && <Badge>Similar</Badge>}
          <span className="block text-xs text-muted md:hidden">
            <Email address={m.user.email} />
          </span>
        </div>
      </div>
    ),
  },
  { id: "email", header: "Email", from: "md", cell: (m) => <Email address={m.user.email} /> },
  {
    id: "level",
    header: "Level",
    cell: (m) => (
      <LevelControl
        name={displayName(m.user)}
        level={m.level}
        viewerLevel={viewer.level}
        self={m.user.uuid === viewer.uuid}
        onChoose={(level) => onChooseLevel(m, level)}
      />
    ),
  },
  { id: "2fa", header: "2FA", from: "sm", cell: (m) => (m.is_2fa_enabled ? <Badge tone="ok">On</Badge> : <Badge>Off</Badge>) },
  { id: "joined", header: "Joined", nowrap: true, sortKey: "joined_at", cell: (m) => <Time iso={m.joined_at} /> },
  { id: "last-login", header: "Last login", from: "lg", nowrap: true, cell: (m) => <Time iso={m.last_login} /> },
];
