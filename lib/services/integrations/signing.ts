/** Standard Webhooks signing (https://www.standardwebhooks.com): secrets, message ids and signatures. */
import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "../../../db/client";
import { openSecret, sealSecret } from "../../crypto/secret-box";

const SECRET_PREFIX = "whsec_";

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/** The `webhook-id` of a delivery: `msg_` and its UUID's hex digits, the same on every attempt. */
export function webhookMessageId(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll("-", "")}`;
}

/** The delivery UUID a `webhook-id` (or the UUID itself) names; null when it names none. */
export function deliveryIdOf(value: string): string | null {
  const hex = value.startsWith("msg_") ? value.slice(4) : value.replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `v1,` and the base64 HMAC-SHA256, under the secret's decoded bytes, of `<id>.<timestamp>.<body>`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The headers of one attempt: the delivery's id, this attempt's time in seconds, and the signature over both and the body. */
export function webhookHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}

/** What a sealed secret is bound to: its integration's row, so it cannot be moved to another. */
const secretContext = (integrationId: string) => `organization_integrations.secret_ciphertext:${integrationId}`;

export function sealWebhookSecret(db: Db, integrationId: string, secret: string) {
  return sealSecret(db, secret, secretContext(integrationId));
}

export function openWebhookSecret(db: Db, integrationId: string, sealed: string) {
  return openSecret(db, sealed, secretContext(integrationId));
}
