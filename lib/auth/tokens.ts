import { createHash, randomBytes } from "node:crypto";

/** SHA-256 in hex: enough for secrets of 256 random bits, and cheap on every request (api-behavior §2.0). */
export function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex");
}

export const API_KEY_PREFIX = "odk_";

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

/** An opaque, random identifier fixed at user creation (api-behavior decision 14). */
export function generateDistinctId() {
  return randomBytes(24).toString("base64url");
}
