/**
 * The console's view of what a SCIM tenant provisioned: its people, its groups and the organization level each group
 * grants. Read and changed through server actions only (there is no documented REST resource for them).
 */
import { z } from "zod";
import { withoutNul } from "./common";

/** A SCIM tenant as the console names it: one of the organization's domains or identity-provider configs. */
export const scimTargetInput = z.object({ kind: z.enum(["domain", "config"]), id: z.string() });

export const SCIM_PEOPLE_PAGE_SIZE = 20;

export const listScimPeopleInput = scimTargetInput.extend({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  search: withoutNul(z.string().trim().max(200)).optional(),
});

/** The levels a group may grant: member (1) or admin (8); null unmaps it. A group never makes an owner. */
export const SCIM_GROUP_LEVELS = [1, 8] as const;

export const mapScimGroupLevelInput = scimTargetInput.extend({
  group_id: z.string(),
  level: z.literal(SCIM_GROUP_LEVELS).nullable(),
});

/** Where a provisioned person stands in the organization: a member of a level (maybe suspended), or gone. */
export type ScimMembershipState = { level: 1 | 8 | 15; suspended: boolean } | null;

/** One person a SCIM client provisioned, as the console lists them. */
export type ScimPerson = {
  id: string;
  user_name: string;
  display_name: string | null;
  user_uuid: string;
  active: boolean;
  membership: ScimMembershipState;
  created_at: string;
  updated_at: string;
};

/** A page of provisioned people, numbered from 1. */
export type ScimPeoplePage = { count: number; page: number; page_size: number; results: ScimPerson[] };

/** A SCIM group and the level it grants its members (null: not mapped, it grants nothing). */
export type ScimGroupMapping = { id: string; display_name: string; member_count: number; mapped_level: 1 | 8 | null };
