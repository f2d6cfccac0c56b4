import { z } from "zod";

export const organizationName = z.string().trim().min(1).max(64);
export const organizationSlug = z
  .string()
  .max(48)
  .regex(/^[a-z0-9-]+$/, 'Enter a valid "slug" consisting of lower-case letters, numbers or hyphens.');

const settings = {
  enforce_2fa: z.boolean().nullable().optional(),
  members_can_invite: z.boolean().optional(),
  members_can_use_personal_api_keys: z.boolean().optional(),
  is_member_join_email_enabled: z.boolean().optional(),
  is_ai_data_processing_approved: z.boolean().nullable().optional(),
};

export const createOrganizationInput = z.object({ name: organizationName, slug: organizationSlug.optional(), ...settings });
export const updateOrganizationInput = z.object({
  name: organizationName.optional(),
  slug: organizationSlug.optional(),
  ...settings,
});

export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;
export type UpdateOrganizationInput = z.input<typeof updateOrganizationInput>;
