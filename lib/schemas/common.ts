import { z } from "zod";

/** Strings are strict JSON strings with a maximum length (api-behavior decision 8: 1,000 unless stated). */
export const text = (max = 1000) => z.string().max(max);
export const requiredText = (max = 1000) => z.string().min(1).max(max);

export const uuidString = z.uuid();

/** An id from a path: anything not a UUID is simply not found, never a 400 (api-behavior §1.1). */
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
export const membershipLevel = z.literal(MEMBERSHIP_LEVELS);
