/**
 * Encryption of secrets Orgdeck must read back (webhook signing secrets, later e-signature and SCIM client
 * credentials): AES-256-GCM under ORGDECK_ENCRYPTION_KEY, or, when unset, a key derived with HKDF from the instance
 * secret. A sealed value is `sb1.<key id>.<iv>.<ciphertext and tag>` (base64url parts): the key id names the key that
 * sealed it, so a new key can be introduced while values sealed under the old one still open.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { env } from "../env";
import { getAuthSecret } from "../services/instance";

const VERSION = "sb1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte AES key and the id that sealed values carry to name it. */
export type SecretKey = { id: string; key: Buffer };

/** The short public id of a key: a hash of it, so it reveals nothing and needs no registry. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("orgdeck secret-box key id\0").update(key).digest("base64url").slice(0, 8);
}

export function secretKey(key: Buffer): SecretKey {
  if (key.length !== 32) throw new Error("a secret-box key is 32 bytes");
  return { id: keyId(key), key };
}

/** The key derived from the instance secret (HKDF-SHA256), used when no encryption key is configured. */
export function derivedKey(instanceSecret: string): SecretKey {
  return secretKey(Buffer.from(hkdfSync("sha256", instanceSecret, "orgdeck", "orgdeck secret-box v1", 32)));
}

/**
 * Seals `plaintext` under `key`. `context` (e.g. the table and row id) is authenticated but not stored: the value
 * opens only with the same context, so a sealed value copied onto another row is refused.
 */
export function seal(key: SecretKey, plaintext: string, context = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, key.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** Opens a sealed value with whichever of `keys` sealed it; throws when none did, or it was altered. */
export function open(keys: readonly SecretKey[], sealed: string, context = ""): string {
  const [version, id, ivPart, bodyPart, ...rest] = sealed.split(".");
  if (version !== VERSION || !id || !ivPart || !bodyPart || rest.length) throw new Error("not a sealed secret");
  const key = keys.find((k) => k.id === id);
  if (!key) throw new Error(`the key ${id} that sealed this secret is not configured`);
  const iv = Buffer.from(ivPart, "base64url");
  const body = Buffer.from(bodyPart, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key.key, iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("the sealed secret was altered or sealed with another context");
  }
}

let lastDerived: { instanceSecret: string; key: SecretKey } | undefined;

/** derivedKey, kept for the last instance secret: every webhook attempt opens a secret, and HKDF showed in its profile. */
function derivedKeyOf(instanceSecret: string): SecretKey {
  if (lastDerived?.instanceSecret !== instanceSecret) lastDerived = { instanceSecret, key: derivedKey(instanceSecret) };
  return lastDerived.key;
}

/**
 * The keys of this configuration, the sealing one first: the configured key, then the instance-derived one (so values
 * sealed before a key was configured still open).
 */
export async function secretKeys(db: Db): Promise<SecretKey[]> {
  const derived = derivedKeyOf(await getAuthSecret(db));
  const configured = env().ORGDECK_ENCRYPTION_KEY;
  return configured ? [secretKey(configured), derived] : [derived];
}

/** Seals a secret under this configuration's key. */
export async function sealSecret(db: Db, plaintext: string, context: string): Promise<string> {
  return seal((await secretKeys(db))[0], plaintext, context);
}

/** Opens a secret sealed under any of this configuration's keys. */
export async function openSecret(db: Db, sealed: string, context: string): Promise<string> {
  return open(await secretKeys(db), sealed, context);
}
