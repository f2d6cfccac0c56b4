import { z } from "zod";
import { membershipLevel, paginated, timestamp, withoutNul } from "./common";

export const organizationName = withoutNul(z.string().trim().min(1).max(64));
export const organizationSlug = z
  .string()
  .max(48)
  .regex(/^[a-z0-9-]+$/, 'Enter a valid "slug" consisting of lower-case letters, numbers or hyphens.');

const settings = {
  enforce_2fa: z.boolean().nullable().optional(),
  members_can_invite: z.boolean().optional(),
  members_can_use_personal_api_keys: z.boolean().optional(),
  members_can_create_projects: z.boolean().optional(),
  is_member_join_email_enabled: z.boolean().optional(),
  is_ai_data_processing_approved: z.boolean().nullable().optional(),
  allow_domain_discovery: z.boolean().optional(),
};

export const createOrganizationInput = z.object({ name: organizationName, slug: organizationSlug.optional(), ...settings });
export const updateOrganizationInput = z.object({
  name: organizationName.optional(),
  slug: organizationSlug.optional(),
  ...settings,
});

export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;
export type UpdateOrganizationInput = z.input<typeof updateOrganizationInput>;

/** An organization as lists of the caller's organizations show it. */
export const OrganizationBasic = z
  .strictObject({ id: z.uuid(), name: z.string(), slug: z.string(), membership_level: membershipLevel })
  .meta({ id: "OrganizationBasic" });
export type OrganizationBasic = z.infer<typeof OrganizationBasic>;

/** An organization, its settings, and the caller's level in it. */
export const Organization = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    enforce_2fa: z.boolean().nullable(),
    members_can_invite: z.boolean(),
    members_can_use_personal_api_keys: z.boolean(),
    members_can_create_projects: z.boolean().meta({ description: "Whether members, not only admins and owners, may create projects." }),
    is_member_join_email_enabled: z.boolean(),
    is_ai_data_processing_approved: z.boolean().nullable(),
    allow_domain_discovery: z.boolean().meta({
      description:
        "Whether people whose verified email address is at one of the organization's verified domains see it among the organizations they may join (the directory API's suggestions).",
    }),
    logo_media_id: z.uuid().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    membership_level: membershipLevel.nullable().meta({ description: "The caller's level in this organization." }),
    member_count: z.int().min(0).meta({ description: "How many people belong to the organization." }),
  })
  .meta({ id: "Organization" });
export type Organization = z.infer<typeof Organization>;

/** A page of organizations. */
export const PaginatedOrganizationList = paginated(Organization, "Organization");
