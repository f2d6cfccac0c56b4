import { z } from "zod";
import { isoDateTime, membershipLevel, paginated, paginationQuery, text, timestamp, withoutNul } from "./common";
import { UserBasic } from "./users";

export const MAX_SEARCH_LENGTH = 200;

export const listMembersInput = paginationQuery.extend({
  /** `-joined_at` (default) or `joined_at`; anything else is ignored, never refused. */
  order: z
    .unknown()
    .optional()
    .transform((v) => (v === "joined_at" ? "joined_at" : "-joined_at")),
  search: withoutNul(z.string())
    .optional()
    .superRefine((v, ctx) => {
      if (v !== undefined && v.length > MAX_SEARCH_LENGTH) {
        ctx.addIssue({ code: "custom", message: `Search query must be ${MAX_SEARCH_LENGTH} characters or fewer.` });
      }
    })
    // Whitespace-only means no filter.
    .transform((v) => v?.trim() || undefined),
  email: text(254).optional(),
  updated_after: isoDateTime.optional(),
});

export const memberPathInput = z.object({ user__uuid: z.string() });

/** `level` is checked by the operation, not here: two permission refusals come before its validity. */
export const updateMemberInput = memberPathInput.extend({ level: z.unknown().optional() });

export type ListMembersInput = z.input<typeof listMembersInput>;

/** How a searched member matched: by substring, or by trigram similarity. */
export const SearchMatchTypeEnum = z.enum(["exact", "similar"]).meta({ id: "SearchMatchTypeEnum" });

/** A membership: the person, their level, and how they sign in. */
export const OrganizationMember = z
  .strictObject({
    id: z.uuid().meta({ description: "The membership's id (paths take the user's UUID)." }),
    user: UserBasic,
    level: membershipLevel,
    joined_at: timestamp,
    updated_at: timestamp,
    is_2fa_enabled: z.boolean(),
    has_social_auth: z.boolean(),
    last_login: timestamp.nullable(),
    is_suspended: z.boolean().meta({ description: "Suspended members have no access to the organization." }),
    search_match_type: SearchMatchTypeEnum.optional().meta({ description: "Present only when the list is searched." }),
  })
  .meta({ id: "OrganizationMember" });
export type OrganizationMember = z.infer<typeof OrganizationMember>;

/** A page of members. */
export const PaginatedOrganizationMemberList = paginated(OrganizationMember, "OrganizationMember");

/** The body of a level change: `level` is the only writable field. */
export const PatchedOrganizationMember = z.object({ level: membershipLevel.optional() }).meta({ id: "PatchedOrganizationMember" });

/** A member's linked GitHub login, if any. */
export const OrganizationMemberGithubLogin = z
  .strictObject({ github_login: z.string().nullable() })
  .meta({ id: "OrganizationMemberGithubLogin" });

/** The member's personal API keys that reach this organization (unscoped, or scoped to it). */
export const OrganizationMemberScopedAPIKeys = z
  .strictObject({
    has_keys: z.boolean(),
    has_keys_active_last_week: z.boolean(),
    keys: z.array(z.strictObject({ name: z.string(), last_used_at: timestamp.nullable() })),
  })
  .meta({ id: "OrganizationMemberScopedAPIKeys" });
