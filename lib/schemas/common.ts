import { z } from "zod";

/** Strings are strict JSON strings with a maximum length: 1,000 unless a field states its own. */
export const text = (max = 1000) => z.string().max(max);
export const requiredText = (max = 1000) => z.string().min(1).max(max);

export const uuidString = z.uuid();

/** An id from a path: anything not a UUID is simply not found, never a 400. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID_RE.test(value);

/** A positive integer from a query string, or the default: DRF ignores an invalid limit rather than refusing it. */
const positiveIntOr = (fallback: number, allowZero: boolean) =>
  z
    .unknown()
    .optional()
    .transform((value) => {
    const n = typeof value === "string" && /^\d+$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
    if (!Number.isSafeInteger(n) || (!allowZero && n === 0)) return fallback;
    return n;
  });

export const DEFAULT_LIMIT = 100;

export const paginationQuery = z.object({
  limit: positiveIntOr(DEFAULT_LIMIT, false),
  offset: positiveIntOr(0, true),
});

export type Pagination = z.output<typeof paginationQuery>;

/** An ISO 8601 date-time from a query string. */
export const isoDateTime = z.iso.datetime({ offset: true, local: true }).or(z.iso.date());

export const MEMBERSHIP_LEVELS = [1, 8, 15] as const;
/** A membership level on the wire: 1 member, 8 administrator, 15 owner. */
export const membershipLevel = z
  .literal(MEMBERSHIP_LEVELS)
  .meta({ id: "OrganizationMembershipLevelEnum", description: "1 member, 8 administrator, 15 owner." });

/** A moment as the API writes it: ISO 8601 UTC ending in `Z`, with microseconds only when they are not zero. */
export const timestamp = z.iso.datetime();

/** An email address as stored (the HTML form rule: no top-level domain required). */
export const emailAddress = z.email({ pattern: z.regexes.html5Email });

/** The list envelope of every paginated endpoint, `{count, next, previous, results}`, named `Paginated<Item>List`. */
export function paginated<T extends z.ZodType>(item: T, itemName: string) {
  return z
    .strictObject({
      count: z.int().min(0),
      next: z.url().nullable().meta({ description: "The next page's absolute URL, or null on the last page." }),
      previous: z.url().nullable().meta({ description: "The previous page's absolute URL, or null on the first page." }),
      results: z.array(item),
    })
    .meta({ id: `Paginated${itemName}List` });
}
