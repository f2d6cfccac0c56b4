import { z } from "zod";

/** PostgreSQL text cannot hold a NUL character: a string with one is invalid input, never a database error. */
export const withoutNul = (schema: z.ZodString) =>
  schema.refine((value) => !value.includes("\u0000"), { message: "Null characters are not allowed." });

/** Strings (body fields and query filters alike) are strict JSON strings with a maximum length: 1,000 unless a field states its own. */
export const text = (max = 1000) => withoutNul(z.string().max(max));
export const requiredText = (max = 1000) => withoutNul(z.string().min(1).max(max));

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
/** The largest page: a larger `limit` is treated as this, and `next` continues from there. */
export const MAX_LIMIT = 1000;

export const paginationQuery = z.object({
  limit: positiveIntOr(DEFAULT_LIMIT, false).transform((n) => Math.min(n, MAX_LIMIT)),
  offset: positiveIntOr(0, true),
});

export type Pagination = z.output<typeof paginationQuery>;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** A calendar date that exists, in years 1 to 9999 in UTC: what both JavaScript and PostgreSQL can hold. */
function isStorableMoment(value: string) {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  if (month === 2 && day === 29 && !isLeap(year)) return false;
  const utcYear = new Date(value).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999;
}

/** An ISO 8601 date-time or date from a query string, between the years 1 and 9999. */
export const isoDateTime = z
  .iso.datetime({ offset: true, local: true })
  .or(z.iso.date())
  .refine(isStorableMoment, { message: "Enter a date between 0001-01-01 and 9999-12-31." });

export const MEMBERSHIP_LEVELS = [1, 8, 15] as const;
/** A membership level on the wire: 1 member, 8 administrator, 15 owner. */
export const membershipLevel = z
  .literal(MEMBERSHIP_LEVELS)
  .meta({ id: "OrganizationMembershipLevelEnum", description: "1 member, 8 administrator, 15 owner." });

/** A moment as the API writes it: ISO 8601 UTC ending in `Z`, with microseconds only when they are not zero. */
export const timestamp = z.iso.datetime();

/**
 * Email addresses, one rule for every way in (API, console, admin CLI, sign-in). Accepted: an RFC 5322 dot-atom local
 * part of ASCII characters (so `first!last@` and `o'brien+tag@` are fine; quoted local parts and SMTPUTF8 local parts
 * are not, as mail relays often refuse them), and a domain of at least two labels, which may be internationalised.
 * Stored and compared in one canonical form: surrounding whitespace dropped, the local part lower-cased, the domain
 * mapped by IDNA (UTS #46, as browsers do) to lower-case ASCII, so `user@BÜCHER.example` is stored as
 * `user@xn--bcher-kva.example`. One mailbox then has one spelling whichever form was typed, comparisons stay plain
 * ASCII on every database collation, and the address can be handed to any SMTP server as is.
 */
export const EMAIL_MAX_LENGTH = 254;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const LOCAL_RE = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const CANONICAL_EMAIL_RE = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);

/** The domain's IDNA ASCII form through the WHATWG URL host parser (Node and browsers alike), or null. */
function asciiDomain(domain: string): string | null {
  // Characters the URL parser would read as a port, path, userinfo or escape are never part of a domain.
  if (!domain || /[\s/?#@:[\]\\%]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

/** An address in its canonical form, or null when it is not a valid address. */
/** The part of an address after its "@", lower case, as domains are stored. */
export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export function canonicalEmail(raw: string): string | null {
  const value = raw.trim();
  const at = value.lastIndexOf("@");
  if (at < 1) return null;
  const local = value.slice(0, at);
  const domain = asciiDomain(value.slice(at + 1));
  if (local.length > 64 || !LOCAL_RE.test(local) || !domain) return null;
  const address = `${local.toLowerCase()}@${domain}`;
  // A numeric last label would make the domain an IP address.
  const valid = address.length <= EMAIL_MAX_LENGTH && CANONICAL_EMAIL_RE.test(address) && !/\.\d+$/.test(domain);
  return valid ? address : null;
}

/** An email address as the API writes it: the canonical form. */
export const emailAddress = z.email({ pattern: CANONICAL_EMAIL_RE }).max(EMAIL_MAX_LENGTH);

/** An email address as input: trimmed, at most 254 characters, then valid, then turned into the canonical form. */
export const emailInput = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH)
  .meta({ format: "email", description: "Stored lower-cased, an internationalised domain in its ASCII (punycode) form." })
  .transform((value, ctx) => {
    const address = canonicalEmail(value);
    if (address === null) {
      ctx.issues.push({ code: "invalid_format", format: "email", input: value, message: "Enter a valid email address." });
      return z.NEVER;
    }
    return address;
  });

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
