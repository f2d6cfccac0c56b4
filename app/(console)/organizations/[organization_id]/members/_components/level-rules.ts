import { ADMIN, OWNER, type Level } from "@/lib/auth/permissions";
import { LEVEL_NAMES, LEVELS } from "@/components/form/level-options";

export type LevelChoice = { level: Level; label: string; current: boolean; disabled: boolean; reason: string | null };

/** Why the viewer may not change this member's level at all (decision 11, rules 1, 2 and 4), else null. */
function blockedReason(viewerLevel: number, targetLevel: number, self: boolean) {
  if (self) return "You can't change your own level.";
  if (viewerLevel < ADMIN) return "Only admins and owners change levels.";
  if (targetLevel > viewerLevel) return "Only owners change an owner's level.";
  return null;
}

/** The menu of levels for one member: every level, enabled only where decision 11 lets the viewer choose it. */
export function levelChoices(viewerLevel: number, targetLevel: Level, self: boolean): LevelChoice[] {
  const blocked = blockedReason(viewerLevel, targetLevel, self);
  return LEVELS.map((level) => {
    const current = level === targetLevel;
    let reason = blocked;
    if (!reason && level === OWNER && viewerLevel !== OWNER) reason = "Only owners make owners.";
    else if (!reason && level !== OWNER && level > viewerLevel) reason = "Above your own level.";
    return { level, label: LEVEL_NAMES[level], current, disabled: current || reason !== null, reason: current ? null : reason };
  });
}

/** Removing someone else: an admin or owner, for members at or below their own level (rules 1 and 2). */
export const canRemove = (viewerLevel: number, targetLevel: number, self: boolean) => !self && viewerLevel >= ADMIN && targetLevel <= viewerLevel;
