import { z } from "zod";

export const ROLES_AT_ORGANIZATION = [
  "engineering",
  "data",
  "product",
  "founder",
  "leadership",
  "marketing",
  "sales",
  "other",
  "",
] as const;

export const updateMeInput = z.object({
  user_id: z.string(),
  first_name: z.string().trim().max(150).optional(),
  last_name: z.string().trim().max(150).optional(),
  role_at_organization: z.enum(ROLES_AT_ORGANIZATION).nullable().optional(),
  set_current_organization: z.string().max(1000).optional(),
});

export type UpdateMeInput = z.input<typeof updateMeInput>;
