import { z } from "zod";
import { isoDateTime, paginationQuery } from "./common";

export const MAX_SEARCH_LENGTH = 200;

export const listMembersInput = paginationQuery.extend({
  /** `-joined_at` (default) or `joined_at`; anything else is ignored, never refused. */
  order: z
    .unknown()
    .optional()
    .transform((v) => (v === "joined_at" ? "joined_at" : "-joined_at")),
  search: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (v !== undefined && v.length > MAX_SEARCH_LENGTH) {
        ctx.addIssue({ code: "custom", message: `Search query must be ${MAX_SEARCH_LENGTH} characters or fewer.` });
      }
    })
    // NUL bytes cannot reach PostgreSQL; whitespace-only means no filter.
    .transform((v) => v?.replace(/\0/g, "").trim() || undefined),
  email: z.string().max(254).optional(),
  updated_after: isoDateTime.optional(),
});

export const memberPathInput = z.object({ user__uuid: z.string() });

/** `level` is checked by the operation, in the order of decision 11, not here. */
export const updateMemberInput = memberPathInput.extend({ level: z.unknown().optional() });

export type ListMembersInput = z.input<typeof listMembersInput>;
