/**
 * The closed table of expected failures. An `AppError` carries only a key, a detail and an attr; each protocol family
 * encodes it in its own body and status. This table is the `/api` family's encoding, `{type, code, detail, attr}`
 * (Django REST framework's error body as drf-exceptions-hog writes it), and the default that other families start from.
 */
type ErrorType =
  | "validation_error"
  | "authentication_error"
  | "invalid_request"
  | "server_error"
  | "throttled_error";

/**
 * `detailOnly`: `/api` answers `{"detail": …}` alone, as the reference does for a few errors (its raw responses);
 * `bodyless`: `/api` answers the status with an empty body, as the reference does for a batch-export test request.
 */
type Entry = { status: number; type: ErrorType; code: string; detail: string; detailOnly?: true; bodyless?: true };

const TABLE = {
  // 400
  invalid_input: { status: 400, type: "validation_error", code: "invalid_input", detail: "Invalid input." },
  parse_error: { status: 400, type: "validation_error", code: "parse_error", detail: "Malformed JSON." },
  required: { status: 400, type: "validation_error", code: "required", detail: "This field is required." },
  null: { status: 400, type: "validation_error", code: "null", detail: "This field may not be null." },
  blank: { status: 400, type: "validation_error", code: "blank", detail: "This field may not be blank." },
  max_length: { status: 400, type: "validation_error", code: "max_length", detail: "Ensure this field has fewer characters." },
  invalid_choice: { status: 400, type: "validation_error", code: "invalid_choice", detail: "Not a valid choice." },
  unique: { status: 400, type: "validation_error", code: "unique", detail: "This value is already taken." },
  last_owner: { status: 400, type: "validation_error", code: "last_owner", detail: "An organization must keep at least one owner." },
  verification_required: {
    status: 400,
    type: "validation_error",
    code: "verification_required",
    detail: "This attribute cannot be updated until the domain is verified.",
  },
  already_verified: { status: 400, type: "validation_error", code: "already_verified", detail: "This domain has already been verified." },
  does_not_exist: { status: 400, type: "validation_error", code: "does_not_exist", detail: "Object does not exist." },
  scim_not_enabled: { status: 400, type: "validation_error", code: "scim_not_enabled", detail: "SCIM is not enabled.", detailOnly: true },
  environment_mapping: { status: 400, type: "validation_error", code: "invalid_input", detail: "Invalid environment mapping.", detailOnly: true },
  destination_required: { status: 400, type: "validation_error", code: "required", detail: "Name a destination type.", bodyless: true },
  invalid_filter: { status: 400, type: "validation_error", code: "invalid_filter", detail: "The filter is not valid." },
  no_target: { status: 400, type: "validation_error", code: "no_target", detail: "The path matches nothing." },
  two_factor_required_to_enforce: {
    status: 400,
    type: "validation_error",
    code: "two_factor_required",
    detail: "Sign in with a second factor before requiring it for everyone.",
  },
  // The token endpoint's failures (RFC 6749 §5.2): their code is the OAuth `error`, their detail its description.
  oauth_invalid_request: { status: 400, type: "validation_error", code: "invalid_request", detail: "The request is missing a parameter or is malformed." },
  oauth_invalid_client: { status: 401, type: "authentication_error", code: "invalid_client", detail: "Client authentication failed." },
  oauth_unauthorized_client: { status: 400, type: "authentication_error", code: "unauthorized_client", detail: "This client may not use this grant." },
  oauth_unsupported_grant_type: { status: 400, type: "validation_error", code: "unsupported_grant_type", detail: "Only grant_type=client_credentials is supported." },
  oauth_invalid_scope: { status: 400, type: "validation_error", code: "invalid_scope", detail: "The requested scope is invalid or exceeds what the client holds." },
  // 401
  not_authenticated: {
    status: 401,
    type: "authentication_error",
    code: "not_authenticated",
    detail: "Authentication credentials were not provided.",
  },
  authentication_failed: {
    status: 401,
    type: "authentication_error",
    code: "authentication_failed",
    detail: "Incorrect authentication credentials.",
  },
  // 403
  permission_denied: {
    status: 403,
    type: "authentication_error",
    code: "permission_denied",
    detail: "You do not have permission to perform this action.",
  },
  csrf_failed: {
    status: 403,
    type: "authentication_error",
    code: "csrf_failed",
    detail: "CSRF check failed: origin not allowed.",
  },
  two_factor_required: {
    status: 403,
    type: "authentication_error",
    code: "two_factor_required",
    detail: "This organization requires two-factor authentication. Sign in again with a second factor.",
  },
  sensitive_action_required_reauth: {
    status: 403,
    type: "authentication_error",
    code: "sensitive_action_required_reauth",
    detail: "This action requires you to be recently authenticated.",
  },
  storage_link_invalid: {
    status: 403,
    type: "authentication_error",
    code: "storage_link_invalid",
    detail: "This download link has expired or is not valid.",
  },
  // 404, 405, 409
  not_found: { status: 404, type: "invalid_request", code: "not_found", detail: "Not found." },
  destination_unknown: { status: 404, type: "invalid_request", code: "not_found", detail: "No such destination type.", bodyless: true },
  method_not_allowed: { status: 405, type: "invalid_request", code: "method_not_allowed", detail: "Method not allowed." },
  conflict: { status: 409, type: "server_error", code: "conflict", detail: "This resource already exists." },
  // 413, 415
  request_too_large: { status: 413, type: "invalid_request", code: "request_too_large", detail: "Request body is larger than 1 MiB." },
  unsupported_media_type: { status: 415, type: "invalid_request", code: "unsupported_media_type", detail: "Unsupported media type in request." },
  // 500
  server_error: { status: 500, type: "server_error", code: "error", detail: "A server error occurred." },
  // 503: an outside system did not do what was asked; nothing was changed, so the caller may simply try again.
  legal_document_void_failed: {
    status: 503,
    type: "server_error",
    code: "legal_document_void_failed",
    detail: "Couldn't cancel the PandaDoc envelope. Please try again, or contact support if this keeps happening.",
  },
  legal_document_send_failed: {
    status: 503,
    type: "server_error",
    code: "legal_document_send_failed",
    detail: "Couldn't create the PandaDoc envelope. Please try again, or contact support if this keeps happening.",
  },
  // 429: the detail names the wait, which the Retry-After header carries too.
  throttled: { status: 429, type: "throttled_error", code: "throttled", detail: "Request was throttled." },
} satisfies Record<string, Entry>;

export type ErrorKey = keyof typeof TABLE;

export type ErrorBody = { type: ErrorType; code: string; detail: string; attr: string | null };

export class AppError extends Error {
  readonly key: ErrorKey;
  readonly detail: string;
  readonly attr: string | null;
  /** Seconds until a throttled caller may try again (the `Retry-After` header). */
  readonly retryAfter?: number;

  constructor(key: ErrorKey, options: { detail?: string; attr?: string | null; retryAfter?: number } = {}) {
    const detail = options.detail ?? TABLE[key].detail;
    super(detail);
    this.name = "AppError";
    this.key = key;
    this.detail = detail;
    this.attr = options.attr ?? null;
    this.retryAfter = options.retryAfter;
  }

  /** The same failure about another field (a bulk request prefixes the item's index). */
  withAttr(attr: string | null) {
    return new AppError(this.key, { detail: this.detail, attr });
  }

  /** The HTTP status as `/api` answers it. */
  get status(): number {
    return TABLE[this.key].status;
  }

  /** The body as `/api` answers it. */
  get body(): ErrorBody {
    const entry: Entry = TABLE[this.key];
    return { type: entry.type, code: entry.code, detail: this.detail, attr: this.attr };
  }
}

/** The default status of an error key, for families that keep the `/api` statuses. */
export function statusOf(key: ErrorKey): number {
  return TABLE[key].status;
}

export const LEVEL_INSUFFICIENT = "Your organization access level is insufficient.";

export const notFound = (detail = "Not found.") => new AppError("not_found", { detail });
export const organizationNotFound = () => notFound("Organization not found.");
export const permissionDenied = (detail?: string) => new AppError("permission_denied", { detail });
export const invalidInput = (detail: string, attr: string | null = null) =>
  new AppError("invalid_input", { detail, attr });

/** A request over one of the abuse limits, with the seconds until its window ends. */
export const throttled = (retryAfter: number) =>
  new AppError("throttled", { detail: `Request was throttled. Expected available in ${retryAfter} seconds.`, retryAfter });

/** The most of a caller's input an error detail quotes: a huge value must not make a huge error body. */
export const MAX_ECHO = 200;
const MAX_ECHO_DEPTH = 20;

function echoParts(value: unknown, depth: number, out: string[], budget: { left: number }) {
  if (budget.left <= 0) return;
  let piece: string;
  if (Array.isArray(value)) {
    if (depth >= MAX_ECHO_DEPTH) piece = "…";
    else {
      for (const [i, item] of value.entries()) {
        if (budget.left <= 0) return;
        if (i > 0) echoParts(",", depth, out, budget);
        if (item !== null && item !== undefined) echoParts(item, depth + 1, out, budget);
      }
      return;
    }
  } else piece = typeof value === "object" && value !== null ? "[object Object]" : String(value);
  const kept = piece.slice(0, budget.left);
  budget.left -= kept.length;
  out.push(kept);
}

/**
 * A value of the caller's input as an error detail quotes it: as `String()` writes it, but at most 200 characters and
 * never descending into deeply nested lists (a value nested thousands of lists deep must not overflow the stack).
 */
export function echo(value: unknown): string {
  const out: string[] = [];
  const budget = { left: MAX_ECHO + 1 };
  echoParts(value, 0, out, budget);
  const text = out.join("");
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

/** The `/api` status and body for any thrown value; anything unexpected is a 500 that reveals nothing. */
/** The body on the wire: the error body, `{detail}` alone for the errors the reference answers raw, or none (null). */
export function errorResponseParts(err: unknown): { status: number; body: ErrorBody; wireBody: ErrorBody | { detail: string } | null; expected: boolean } {
  if (err instanceof AppError) {
    const entry: Entry = TABLE[err.key];
    const wireBody = entry.bodyless ? null : entry.detailOnly ? { detail: err.detail } : err.body;
    return { status: err.status, body: err.body, wireBody, expected: true };
  }
  const { status, type, code, detail } = TABLE.server_error;
  const body: ErrorBody = { type, code, detail, attr: null };
  return { status, body, wireBody: body, expected: false };
}

/** Throws the error of a rule's denial (the rule functions beside the permission tables return one or null). */
export function enforce(denial: { code: "permission_denied" | "invalid_input"; message: string } | null) {
  if (!denial) return;
  throw denial.code === "invalid_input" ? invalidInput(denial.message) : permissionDenied(denial.message);
}
