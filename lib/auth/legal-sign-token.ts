import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signing links of legal documents carry a token that is not stored: base64url(document id (16 bytes) ‖
 * HMAC-SHA256(secret, label ‖ document id)). The label keeps these tokens apart from invitation tokens made under
 * the same secret. The token names only the document: resending the email sends the same link, and whether it still
 * works (not signed, not deleted, not expired) is read from the document.
 */
function mac(secret: string, id: Buffer) {
  return createHmac("sha256", secret).update(Buffer.concat([Buffer.from("orgdeck-legal-signing:"), id])).digest();
}

export function signLegalSigningToken(secret: string, documentId: string) {
  const id = Buffer.from(documentId.replace(/-/g, ""), "hex");
  return Buffer.concat([id, mac(secret, id)]).toString("base64url");
}

/** The document id of a genuine token; null for anything forged, truncated or malformed. */
export function verifyLegalSigningToken(secret: string, token: string): string | null {
  if (typeof token !== "string" || !/^[\w-]{60,70}$/.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length !== 48) return null;
  const id = raw.subarray(0, 16);
  if (!timingSafeEqual(raw.subarray(16), mac(secret, id))) return null;
  // base64url has several spellings of the last character's spare bits: only the canonical one is the link.
  if (raw.toString("base64url") !== token) return null;
  const hex = id.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
