/**
 * Access tokens of service accounts: JWTs in the RFC 9068 profile (`typ: at+jwt`), signed ES256 with the current
 * signing key. Claims: `iss` (SITE_URL), `sub` (the service account's id), `aud` (ACCESS_TOKEN_AUDIENCE), `client_id`,
 * `iat`, `exp` (at most an hour later), `jti`, `scope` (space-separated directory permissions) and `organization_id`.
 */
import { randomUUID } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import type { Db } from "../../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { isUuid } from "../../schemas/common";
import { SIGNING_ALGORITHM, signingKey, verificationKey } from "./signing-keys";

export const ACCESS_TOKEN_TYPE = "at+jwt";
/** The longest an access token may live, whatever the configuration says. */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
const MAX_CLOCK_SKEW_MS = 5000;

/** Who a token is for: the directory API of this instance (its resource server). */
export const accessTokenAudience = () => `${env().SITE_URL}/directory`;
export const accessTokenIssuer = () => env().SITE_URL;

export type AccessTokenClaims = { sub: string; client_id: string; organization_id: string; scope: string[]; jti: string; iat: number; exp: number };

/** Signs an access token for a service account, valid from `now` for ORGDECK_OAUTH_TOKEN_LIFETIME seconds. */
export async function signAccessToken(
  db: Db,
  subject: { id: string; clientId: string; organizationId: string; scope: readonly string[] },
  now: Date,
): Promise<{ token: string; expiresIn: number }> {
  const signer = await signingKey(db, now);
  const expiresIn = Math.min(env().ORGDECK_OAUTH_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME_SECONDS);
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ client_id: subject.clientId, scope: subject.scope.join(" "), organization_id: subject.organizationId })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: signer.kid })
    .setIssuer(accessTokenIssuer())
    .setSubject(subject.id)
    .setAudience(accessTokenAudience())
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .setJti(randomUUID())
    .sign(signer.key);
  return { token, expiresIn };
}

export const invalidToken = (detail = "The access token is not valid.") => new AppError("authentication_failed", { detail });

/**
 * The claims of a token this instance signed and that holds at `now`: a published key, ES256, `typ: at+jwt`, our
 * issuer and audience, unexpired and issued for at most an hour. Anything else is 401 `authentication_failed`.
 */
export async function verifyAccessToken(db: Db, token: string, now: Date): Promise<AccessTokenClaims> {
  let kid: unknown;
  try {
    ({ kid } = decodeProtectedHeader(token));
  } catch {
    throw invalidToken();
  }
  const key = typeof kid === "string" ? await verificationKey(db, kid, now) : null;
  if (!key) throw invalidToken();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      issuer: accessTokenIssuer(),
      audience: accessTokenAudience(),
      algorithms: [SIGNING_ALGORITHM],
      typ: ACCESS_TOKEN_TYPE,
      currentDate: now,
      requiredClaims: ["iat", "exp", "jti", "sub", "client_id", "organization_id", "scope"],
    }));
  } catch {
    throw invalidToken();
  }
  const { sub, client_id, organization_id, scope, jti, iat, exp } = payload;
  const valid =
    isUuid(sub) && typeof client_id === "string" && isUuid(organization_id) && typeof scope === "string" && typeof jti === "string" &&
    typeof iat === "number" && typeof exp === "number" && exp - iat <= MAX_TOKEN_LIFETIME_SECONDS &&
    // A token from the future was not issued by this instance's clock (a few seconds' skew between instances aside).
    iat * 1000 <= now.getTime() + MAX_CLOCK_SKEW_MS;
  if (!valid) throw invalidToken();
  return { sub, client_id, organization_id, scope: scope.split(" ").filter(Boolean), jti, iat, exp };
}
