"use client";

import { LEVEL_NAMES, LEVELS, type Level } from "@/lib/auth/permissions";
import { levelChangeDenial, type MemberPair } from "@/lib/auth/rules";
import { buttonClass } from "@/components/ui/button";
import { Menu } from "@/components/ui/menu";

type Props = { name: string; level: Level; viewerLevel: Level; self: boolean; onChoose: (level: Level) => void };

/** Every level, each enabled only where the operation would accept the change (the current one needs no reason). */
function levelChoices(pair: MemberPair) {
  return LEVELS.map((level) => {
    const current = level === pair.target;
    const reason = current ? null : (levelChangeDenial(pair, level)?.hint ?? null);
    return { level, label: LEVEL_NAMES[level], current, disabled: current || reason !== null, reason };
  });
}

/** A member's level as a menu button: every level listed, the ones the viewer may not choose disabled with the reason. */
export function LevelMenu({ name, level, viewerLevel, self, onChoose }: Props) {
  const choices = levelChoices({ requester: viewerLevel, target: level, self });
  return (
    <Menu
      buttonLabel={`${LEVEL_NAMES[level]}: level of ${name}`}
      buttonClassName={buttonClass("ghost", "sm", "-ml-2.5")}
      trigger={
        <>
          {LEVEL_NAMES[level]}
          <span aria-hidden="true" className="text-muted">
            ⌄
          </span>
        </>
      }
      items={choices.map((c) => ({
        kind: "action",
        checked: c.current,
        disabled: c.disabled,
        onSelect: () => onChoose(c.level),
        label: (
          <span>
            <span className="block">{c.label}</span>
            {c.reason && <span className="block text-xs">{c.reason}</span>}
          </span>
        ),
      }))}
    />
  );
}
