import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Invitation links carry a token that is not stored:
 * base64url(invite id (16 bytes) ‖ version (4 bytes) ‖ HMAC-SHA256(secret, invite id ‖ version)).
 */
function mac(secret: string, id: Buffer, version: Buffer) {
  return createHmac("sha256", secret).update(Buffer.concat([Buffer.from("orgdeck-invite:"), id, version])).digest();
}

export function signInviteToken(secret: string, inviteId: string, version: number) {
  const id = Buffer.from(inviteId.replace(/-/g, ""), "hex");
  const v = Buffer.alloc(4);
  v.writeUInt32BE(version);
  return Buffer.concat([id, v, mac(secret, id, v)]).toString("base64url");
}

/** The invite id and version of a genuine token; null for anything forged, truncated or malformed. */
export function verifyInviteToken(secret: string, token: string): { inviteId: string; version: number } | null {
  if (!/^[\w-]{60,80}$/.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length !== 52) return null;
  const id = raw.subarray(0, 16);
  const v = raw.subarray(16, 20);
  if (!timingSafeEqual(raw.subarray(20), mac(secret, id, v))) return null;
  const hex = id.toString("hex");
  return {
    inviteId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    version: v.readUInt32BE(),
  };
}
