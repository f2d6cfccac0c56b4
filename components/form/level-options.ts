import { ADMIN, MEMBER, OWNER, type Level } from "@/lib/auth/permissions";

/** Membership levels as the console names them (api-behavior §1.3). */
export const LEVEL_NAMES: Record<Level, string> = { [MEMBER]: "Member", [ADMIN]: "Administrator", [OWNER]: "Owner" };
export const LEVELS: Level[] = [MEMBER, ADMIN, OWNER];

/** Options of a level select: every level, those above the viewer's own disabled (nobody invites above themselves). */
export const levelOptions = (viewerLevel: number) =>
  LEVELS.map((level) => ({ value: String(level), label: LEVEL_NAMES[level], disabled: level > viewerLevel }));
