"use client";

import type { Level } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button";
import { Menu } from "@/components/ui/menu";
import { LEVEL_NAMES } from "@/components/form/level-options";
import { levelChoices } from "./level-rules";

type Props = { name: string; level: Level; viewerLevel: number; self: boolean; onChoose: (level: Level) => void };

/** A member's level as a menu button: every level listed, the ones the viewer may not choose disabled with the reason. */
export function LevelMenu({ name, level, viewerLevel, self, onChoose }: Props) {
  const choices = levelChoices(viewerLevel, level, self);
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
