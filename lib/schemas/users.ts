import { z } from "zod";
import { emailAddress, text, timestamp, withoutNul } from "./common";
import { OrganizationBasic } from "./organizations";

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

/** What a person does at their organization, as they set it in their profile. */
export const RoleAtOrganizationEnum = z.enum(ROLES_AT_ORGANIZATION).meta({ id: "RoleAtOrganizationEnum" });
export type RoleAtOrganizationEnum = z.infer<typeof RoleAtOrganizationEnum>;

export const updateMeInput = z.object({
  user_id: z.string(),
  first_name: withoutNul(z.string().trim().max(150)).optional(),
  last_name: withoutNul(z.string().trim().max(150)).optional(),
  role_at_organization: RoleAtOrganizationEnum.nullable().optional(),
  set_current_organization: text().optional(),
});

export type UpdateMeInput = z.input<typeof updateMeInput>;

/** A person as other objects show them (an invite's creator, a member, an activity's actor). */
export const UserBasic = z
  .strictObject({
    id: z.int().meta({ description: "The user's integer id." }),
    uuid: z.uuid().meta({ description: "The user's UUID, which paths take." }),
    distinct_id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: emailAddress,
    is_email_verified: z.boolean().nullable(),
    hedgehog_config: z.record(z.string(), z.unknown()).nullable().meta({ description: "Always null." }),
    role_at_organization: RoleAtOrganizationEnum.nullable(),
  })
  .meta({ id: "UserBasic" });
export type UserBasic = z.infer<typeof UserBasic>;

/** The signed-in person, with their current organization and all of theirs. */
export const User = UserBasic.omit({ hedgehog_config: true })
  .extend({
    date_joined: timestamp,
    organization: OrganizationBasic.nullable().meta({ description: "The current organization (`@current`), or null." }),
    organizations: z.array(OrganizationBasic),
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;
