/**
 * The ES256 keys access tokens are signed with. A key signs from its `created_at` until its `retire_at`, and is
 * published until `publish_until` = `retire_at` + the token lifetime, when no token it signed can still be valid. The
 * next key is made ahead of time (starting to sign when the current one retires) so that it is in the JWKS well before
 * any token carries its kid: a verifier caching the JWKS for its max-age never meets an unknown key. Private keys are
 * sealed with the instance's secret-box key. (The hour is the longest lifetime a token may be given, not the current
 * setting: a setting raised later cannot outlast a key's publication.)
 */
import { asc, eq, gt, lt, sql } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { Db, Executor } from "../../../db/client";
import { oauthSigningKeys } from "../../../db/schema";
import { openSecret, sealSecret } from "../../crypto/secret-box";
import { env } from "../../env";

export type SigningKeyRow = typeof oauthSigningKeys.$inferSelect;

export const SIGNING_ALGORITHM = "ES256";
/** How long before it signs a new key is published: well over the JWKS response's max-age (300 s), and the job's hour. */
export const PUBLISH_AHEAD_MS = 2 * 60 * 60 * 1000;
/** Retired keys stay in the table a day past their last publication, then go. */
const KEEP_AFTER_PUBLICATION_MS = 24 * 60 * 60 * 1000;
// Any constant shared by every instance: the lock serialises key creation across them.
const KEY_LOCK = sql`select pg_advisory_xact_lock(hashtextextended('oauth_signing_keys', 0))`;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Publication outlasts retirement by the longest lifetime any token may have, whatever the setting was when it was signed. */
const LONGEST_TOKEN_MS = 60 * 60 * 1000;
const rotationMs = () => env().ORGDECK_OAUTH_KEY_ROTATION_DAYS * DAY_MS;
const sealContext = (kid: string) => `oauth_signing_keys:${kid}`;

/** Whether the key signs at `now`. */
export const signsAt = (key: SigningKeyRow, now: Date) => key.createdAt <= now && now < key.retireAt;

/** A new key pair, its kid the RFC 7638 thumbprint of the public key; the private half sealed before it is stored. */
async function newKey(db: Executor, startsAt: Date) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  const retireAt = new Date(startsAt.getTime() + rotationMs());
  return {
    kid,
    algorithm: SIGNING_ALGORITHM,
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: "sig" },
    privateKeySealed: await sealSecret(db as Db, JSON.stringify(privateJwk), sealContext(kid)),
    createdAt: startsAt,
    retireAt,
    publishUntil: new Date(retireAt.getTime() + LONGEST_TOKEN_MS),
  };
}

/**
 * Keeps the key schedule: a signing key for `now` (made at once when there is none, as on the first start), the next
 * one made PUBLISH_AHEAD_MS before the current one retires, and keys long past their publication deleted. Safe to run
 * on every instance at once: it holds an advisory lock and looks again before inserting.
 */
export async function maintainSigningKeys(db: Db, now: Date): Promise<{ created: string[]; deleted: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(KEY_LOCK);
    const live = await tx.select().from(oauthSigningKeys).where(gt(oauthSigningKeys.retireAt, now)).orderBy(asc(oauthSigningKeys.createdAt));
    const created: string[] = [];
    let current = live.filter((k) => k.createdAt <= now).at(-1);
    if (!current) {
      const [row] = await tx.insert(oauthSigningKeys).values(await newKey(tx, now)).returning();
      created.push(row.kid);
      current = row;
    }
    const next = live.find((k) => k.createdAt > now);
    if (!next && current.retireAt.getTime() - now.getTime() <= PUBLISH_AHEAD_MS) {
      const [row] = await tx.insert(oauthSigningKeys).values(await newKey(tx, current.retireAt)).returning();
      created.push(row.kid);
    }
    const deleted = await tx
      .delete(oauthSigningKeys)
      .where(lt(oauthSigningKeys.publishUntil, new Date(now.getTime() - KEEP_AFTER_PUBLICATION_MS)))
      .returning({ kid: oauthSigningKeys.kid });
    return { created, deleted: deleted.length };
  });
}

/** The keys a verifier must know at `now`: every key that signs, will sign, or signed a token still valid. */
export async function publishedKeys(db: Db, now: Date): Promise<SigningKeyRow[]> {
  const rows = await db.select().from(oauthSigningKeys).where(gt(oauthSigningKeys.publishUntil, now)).orderBy(asc(oauthSigningKeys.createdAt));
  if (rows.some((k) => signsAt(k, now))) return rows;
  await maintainSigningKeys(db, now);
  return publishedKeys(db, now);
}

/** The JWKS document: public keys only. */
export async function jwks(db: Db, now: Date): Promise<{ keys: JWK[] }> {
  return { keys: (await publishedKeys(db, now)).map((k) => k.publicJwk as JWK) };
}

type Signer = { kid: string; key: CryptoKey; from: Date; until: Date };
const signers = new WeakMap<Db, Signer>();

/** The key that signs at `now`, opened once per process and kept until it retires. */
export async function signingKey(db: Db, now: Date): Promise<Signer> {
  const cached = signers.get(db);
  if (cached && cached.from <= now && now < cached.until) return cached;
  const row = (await publishedKeys(db, now)).filter((k) => signsAt(k, now)).at(-1);
  if (!row) throw new Error("no signing key signs now");
  const jwk = JSON.parse(await openSecret(db, row.privateKeySealed, sealContext(row.kid))) as JWK;
  const signer = { kid: row.kid, key: (await importJWK(jwk, SIGNING_ALGORITHM)) as CryptoKey, from: row.createdAt, until: row.retireAt };
  signers.set(db, signer);
  return signer;
}

type Verifier = { key: CryptoKey; publishUntil: Date };
const verifiers = new Map<string, Verifier>();

/** The public key of `kid` while it is published at `now` (kids are thumbprints: a cached one never changes); else null. */
export async function verificationKey(db: Db, kid: string, now: Date): Promise<CryptoKey | null> {
  let found = verifiers.get(kid);
  if (!found) {
    if (kid.length > 64) return null;
    const [row] = await db.select().from(oauthSigningKeys).where(eq(oauthSigningKeys.kid, kid));
    if (!row) return null;
    found = { key: (await importJWK(row.publicJwk as JWK, SIGNING_ALGORITHM)) as CryptoKey, publishUntil: row.publishUntil };
    verifiers.set(kid, found);
  }
  return now < found.publishUntil ? found.key : null;
}
