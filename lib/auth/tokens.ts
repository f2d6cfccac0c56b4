import { createHash, randomBytes } from "node:crypto";

/** SHA-256 in hex: enough for secrets of 256 random bits, and cheap on every request. */
export function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex");
}

export const API_KEY_PREFIX = "odk_";
/** SCIM bearer tokens (issued per verified domain or identity-provider config). */
export const SCIM_TOKEN_PREFIX = "odscim_";

const PERSONAL_API_KEY_SHAPE = /^odk_[A-Za-z0-9_-]{43}$/;
const SCIM_TOKEN_SHAPE = /^odscim_[A-Za-z0-9_-]{43}$/;
/** A compact JWS whose header and payload are JSON objects (base64url of `{"` is `eyJ`): a service account's access token. */
const ACCESS_TOKEN_SHAPE = /^eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

export type TokenKind = "personal_api_key" | "scim" | "access_token" | "unknown";

/**
 * What a bearer token claims to be, from its shape alone, so each kind is looked up in its own table and a token of
 * no known shape is refused without a database query.
 */
export function tokenKind(token: string): TokenKind {
  if (PERSONAL_API_KEY_SHAPE.test(token)) return "personal_api_key";
  if (SCIM_TOKEN_SHAPE.test(token)) return "scim";
  if (token.length <= 4096 && ACCESS_TOKEN_SHAPE.test(token)) return "access_token";
  return "unknown";
}

/** A SCIM token: the prefix plus 43 URL-safe characters (256 random bits); stored as its SHA-256. */
export function generateScimToken() {
  return SCIM_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** `odk_` plus 43 URL-safe characters (256 random bits). */
export function generateApiKey() {
  return API_KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function maskApiKey(value: string) {
  return `${API_KEY_PREFIX}...${value.slice(-4)}`;
}

export function generateSessionToken() {
  return randomBytes(32).toString("base64url");
}

/** A user's `distinct_id`: an opaque, random identifier fixed at user creation. */
export function generateDistinctId() {
  return randomBytes(24).toString("base64url");
}
