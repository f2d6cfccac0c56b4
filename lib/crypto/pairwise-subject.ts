/**
 * Pairwise subject identifiers (OpenID Connect Core §8.1): the `sub` an application of one sector sees for a person,
 * the same for every application of that sector and unlinkable across sectors. HMAC-SHA256 under an instance key over
 * the sector and the user's id, each preceded by its length, so no two (sector, user) pairs share an input.
 */
import { createHmac, hkdfSync } from "node:crypto";
import type { Db } from "../../db/client";
import { env } from "../env";
import { getAuthSecret } from "../services/instance";

/** One length-prefixed field: its UTF-8 byte length as 4 bytes big-endian, then the bytes. */
function field(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * hex(HMAC-SHA256(key, len(sector) || sector || len(userId) || userId)), 64 characters. Hex, not base64url: a subject
 * never starts with `-`, so a CSV export carries it exactly, with nothing a spreadsheet would read as a formula.
 */
export function pairwiseSubject(key: Buffer, sector: string, userId: string): string {
  return createHmac("sha256", key).update(field(sector)).update(field(userId)).digest("hex");
}

/** The key derived from the instance secret (HKDF-SHA256), used when ORGDECK_PAIRWISE_SECRET is unset. */
export function derivedPairwiseKey(instanceSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", instanceSecret, "orgdeck", "orgdeck pairwise-subject v1", 32));
}

let lastDerived: { instanceSecret: string; key: Buffer } | undefined;

/** This installation's pairwise key: ORGDECK_PAIRWISE_SECRET, else derived from the instance secret (never shared by installs). */
export async function pairwiseKey(db: Db): Promise<Buffer> {
  const configured = env().ORGDECK_PAIRWISE_SECRET;
  if (configured) return Buffer.from(configured, "utf8");
  const instanceSecret = await getAuthSecret(db);
  if (lastDerived?.instanceSecret !== instanceSecret) lastDerived = { instanceSecret, key: derivedPairwiseKey(instanceSecret) };
  return lastDerived.key;
}
