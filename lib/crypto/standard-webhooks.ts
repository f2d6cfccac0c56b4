/** Standard Webhooks signing (https://www.standardwebhooks.com): secrets and signatures, free of any table or service. */
import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/** `v1,` and the base64 HMAC-SHA256, under the secret's decoded bytes, of `<id>.<timestamp>.<body>`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  // The body is hashed as given, never joined into a copy: batch bodies are large.
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64")}`;
}

/** The headers of one attempt: the delivery's id, this attempt's time in seconds, and the signature over both and the body. */
export function webhookHeaders(secret: string, id: string, timestamp: number, body: string | Uint8Array): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}
