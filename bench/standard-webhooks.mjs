/**
 * The receiving side of Standard Webhooks, written apart from the app's own signing (lib/crypto) so the benchmarks'
 * receivers check the app against an independent reading of the scheme: `v1,` base64 HMAC-SHA256 of
 * `<id>.<timestamp>.<body>` under the secret's decoded bytes, with a timestamp within 5 minutes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The HMAC key of a `whsec_<base64>` secret (a bare base64 secret too). */
export function keyOf(secret) {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

/** Whether one of the space-separated `v1,` signatures is the body's under `key`, and the timestamp is recent. */
export function verify(key, headers, body) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(" ").some((s) => {
    const [version, value] = s.split(",");
    const given = Buffer.from(value ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
