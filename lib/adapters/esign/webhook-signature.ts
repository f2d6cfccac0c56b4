import { createHmac, timingSafeEqual } from "node:crypto";

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Whether a PandaDoc webhook call is genuine: PandaDoc sends the hex HMAC-SHA256 of the raw request body under the
 * webhook's shared key. Missing or malformed signatures, and an empty key, never pass.
 */
export function verifyPandadocSignature(rawBody: string | Uint8Array, signature: string | null | undefined, secret: string): boolean {
  if (!secret || typeof signature !== "string" || !HEX_SHA256.test(signature.trim())) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature.trim(), "hex"));
}

/** One document status change PandaDoc reported. */
export type PandadocEvent = { event: string; id: string; status: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The `document_state_changed` notifications in a PandaDoc webhook body (a JSON array of `{event, data: {id, status}}`).
 * Other events and malformed items are skipped; a body that is not a JSON array gives none.
 */
export function parsePandadocEvents(raw: string): PandadocEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(body)) return [];
  return body.flatMap((item: unknown) => {
    if (!isObject(item) || item.event !== "document_state_changed" || !isObject(item.data)) return [];
    const { id, status } = item.data;
    return typeof id === "string" && id && typeof status === "string" && status ? [{ event: item.event, id, status }] : [];
  });
}
