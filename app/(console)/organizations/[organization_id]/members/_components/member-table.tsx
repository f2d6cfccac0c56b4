"use client";

import type { Level } from "@/lib/auth/permissions";
import { removalDenial } from "@/lib/auth/rules";
import type { Member } from "@/lib/query/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { displayName } from "@/components/shell/display-name";
import { LevelMenu } from "./level-menu";

type Props = {
  caption: string;
  members: Member[];
  viewer: { uuid: string; level: Level };
  order: "-joined_at" | "joined_at";
  busy: boolean;
  onToggleOrder: () => void;
  onChangeLevel: (member: Member, level: Level) => void;
  onRemove: (member: Member) => void;
  onDetails: (member: Member) => void;
};

const TH = "px-4 py-2 font-medium";
const TD = "px-4 py-2.5";

/** The members: who they are, their level (a menu), second factor, when they joined and last signed in. */
export function MemberTable({ caption, members, viewer, order, busy, onToggleOrder, onChangeLevel, onRemove, onDetails }: Props) {
  const ascending = order === "joined_at";
  return (
    <div className="rounded-lg border border-line bg-surface">
      <table aria-busy={busy} className="w-full text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" className={TH}>Name</th>
            <th scope="col" className={`${TH} hidden md:table-cell`}>Email</th>
            <th scope="col" className={TH}>Level</th>
            <th scope="col" className={`${TH} hidden sm:table-cell`}>2FA</th>
            <th scope="col" aria-sort={ascending ? "ascending" : "descending"} className={TH}>
              <button type="button" onClick={onToggleOrder} className="-mx-1 rounded px-1 font-medium hover:text-fg">
                Joined <span aria-hidden="true">{ascending ? "↑" : "↓"}</span>
              </button>
            </th>
            <th scope="col" className={`${TH} hidden lg:table-cell`}>Last login</th>
            <th scope="col" className={TH}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {members.map((m) => {
            const self = m.user.uuid === viewer.uuid;
            const name = displayName(m.user);
            // Leaving is the panel below the table, not a row action.
            const removable = !self && removalDenial({ requester: viewer.level, target: m.level, self }) === null;
            return (
              <tr key={m.id}>
                <td className={TD}>
                  <span className="font-medium">{name}</span> {self && <Badge tone="accent">You</Badge>}{" "}
                  {m.search_match_type === "similar" && <Badge>Similar</Badge>}
                  <span className="block text-xs text-muted md:hidden">{m.user.email}</span>
                </td>
                <td className={`${TD} hidden break-all md:table-cell`}>{m.user.email}</td>
                <td className={TD}>
                  <LevelMenu name={name} level={m.level} viewerLevel={viewer.level} self={self} onChoose={(level) => onChangeLevel(m, level)} />
                </td>
                <td className={`${TD} hidden sm:table-cell`}>{m.is_2fa_enabled ? <Badge tone="ok">On</Badge> : <Badge>Off</Badge>}</td>
                <td className={`${TD} whitespace-nowrap`}><Time iso={m.joined_at} /></td>
                <td className={`${TD} hidden whitespace-nowrap lg:table-cell`}><Time iso={m.last_login} /></td>
                <td className={TD}>
                  <div className="flex justify-end gap-1.5 whitespace-nowrap">
                    <Button size="sm" variant="ghost" onClick={() => onDetails(m)}>
                      Details<span className="sr-only"> of {name}</span>
                    </Button>
                    {removable && (
                      <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => onRemove(m)}>
                        Remove<span className="sr-only"> {name}</span>
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
