"use client";

import { levelExplanation } from "@/lib/auth/level-explanation";
import { LEVEL_NAMES, LEVELS, type Level } from "@/lib/auth/permissions";
import { levelChangeDenial, type MemberPair } from "@/lib/auth/rules";
import { buttonClass } from "@/components/ui/button";
import { Menu } from "@/components/ui/menu";

type Props = { name: string; level: Level; viewerLevel: Level; self: boolean; onChoose: (level: Level) => void };

/** Every level, each enabled only where the operation would accept the change (the current one needs no reason). */
export function levelChoices(pair: MemberPair) {
  return LEVELS.map((level) => {
    const current = level === pair.target;
    const reason = current ? null : (levelChangeDenial(pair, level)?.hint ?? null);
    return { level, current, disabled: current || reason !== null, reason };
  });
}

/**
 * A member's level. Where the viewer may change it, a menu of every level with what each may do (the ones the viewer
 * may not choose disabled, with the reason); elsewhere the level as text.
 */
export function LevelControl({ name, level, viewerLevel, self, onChoose }: Props) {
  const choices = levelChoices({ requester: viewerLevel, target: level, self });
  if (choices.every((c) => c.disabled)) return <span>{LEVEL_NAMES[level]}</span>;
  return (
    <Menu
      floating
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
        label: LEVEL_NAMES[c.level],
        description: (
          <>
            {c.reason && <span className="mb-0.5 block font-medium">{c.reason}</span>}
            {levelExplanation(c.level).join(" ")}
          </>
        ),
      }))}
    />
  );
}
