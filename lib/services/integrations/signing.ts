/** Standard Webhooks signing (https://www.standardwebhooks.com): secrets, message ids and signatures. */
import type { Db } from "../../../db/client";
import { openSecret, sealSecret } from "../../crypto/secret-box";

export { generateWebhookSecret, signWebhook, webhookHeaders } from "../../crypto/standard-webhooks";

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

/** What a sealed secret is bound to: its integration's row, so it cannot be moved to another. */
const secretContext = (integrationId: string) => `organization_integrations.secret_ciphertext:${integrationId}`;

export function sealWebhookSecret(db: Db, integrationId: string, secret: string) {
  return sealSecret(db, secret, secretContext(integrationId));
}

export function openWebhookSecret(db: Db, integrationId: string, sealed: string) {
  return openSecret(db, sealed, secretContext(integrationId));
}
