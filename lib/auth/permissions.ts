/** Membership levels (api-behavior §1.3); comparisons are numeric. */
export const MEMBER = 1;
export const ADMIN = 8;
export const OWNER = 15;

export type Level = typeof MEMBER | typeof ADMIN | typeof OWNER;

export const LEVEL_LABELS: Record<Level, string> = {
  [MEMBER]: "member",
  [ADMIN]: "administrator",
  [OWNER]: "owner",
};
