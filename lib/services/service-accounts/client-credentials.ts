/**
 * The client-credentials grant (RFC 6749 §4.4) for service accounts: the client authenticates with its id and secret
 * (the current one, or the previous one during its overlap window), may narrow its permissions with `scope`, and gets
 * an access token. Failed client authentication is counted per client id and per client address, in the database.
 */
import { timingSafeEqual } from "node:crypto";
import type { Db } from "../../../db/client";
import { sha256 } from "../../auth/tokens";
import { env } from "../../env";
import { AppError } from "../../errors";
import { serviceAccountHoldings } from "../directory/grants";
import { consumeRateLimit, type RateLimit } from "../rate-limits";
import { signAccessToken } from "./access-tokens";
import { liveServiceAccount, touchServiceAccount } from "./caller";
import type { ServiceAccountRow } from "./rows";

export type TokenRequest = { grantType: string; clientId: string; clientSecret: string; scope: string | null; address: string };
export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; scope: string };

const failuresPerClient = (): RateLimit => ({ name: "oauth-client-failures", max: env().RATE_LIMIT_OAUTH_FAILURES_PER_MINUTE, windowSeconds: 60 });

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Whether `secret` is the account's secret, or its previous one while that one's overlap lasts. */
export function secretMatches(account: Pick<ServiceAccountRow, "secretHash" | "previousSecretHash" | "previousSecretExpiresAt">, secret: string, now: Date) {
  const hash = sha256(secret);
  if (sameHash(hash, account.secretHash)) return true;
  const overlap = account.previousSecretHash !== null && account.previousSecretExpiresAt !== null && now < account.previousSecretExpiresAt;
  return overlap && sameHash(hash, account.previousSecretHash as string);
}

/**
 * The permissions a token grants: all the account holds without `scope`, else exactly the ones named, each of which the
 * account must hold (`invalid_scope` otherwise).
 */
export function narrowScope(held: readonly string[], requested: string | null): string[] {
  if (requested === null || requested.trim() === "") return [...held];
  const wanted = [...new Set(requested.split(" ").filter(Boolean))];
  const missing = wanted.find((p) => !held.includes(p));
  if (missing !== undefined) throw new AppError("oauth_invalid_scope", { detail: `This client does not hold the scope "${missing.slice(0, 100)}".` });
  return wanted;
}

/** Counts failures per client id and per address; `amount` 0 only reads whether a limit is already reached. */
async function countFailure(db: Db, request: TokenRequest, now: Date, amount: number) {
  const limit = failuresPerClient();
  await consumeRateLimit(db, limit, `client:${request.clientId}`, now, amount);
  await consumeRateLimit(db, limit, `address:${request.address}`, now, amount);
}

/** Issues an access token to the service account whose credentials these are (RFC 6749 §4.4). */
export async function clientCredentialsGrant(db: Db, request: TokenRequest, now: Date): Promise<TokenResponse> {
  if (request.grantType !== "client_credentials") throw new AppError("oauth_unsupported_grant_type");
  // A client or address over the limit is refused before its credentials are looked at, right or wrong.
  await countFailure(db, request, now, 0);
  const account = await liveServiceAccount(db, { clientId: request.clientId });
  if (!account || !secretMatches(account, request.clientSecret, now)) {
    await countFailure(db, request, now, 1);
    throw new AppError("oauth_invalid_client");
  }
  if (!account.isActive) throw new AppError("oauth_unauthorized_client", { detail: "This service account is disabled." });
  // What it holds: its own grant and its custom roles' permissions.
  const scope = narrowScope((await serviceAccountHoldings(db, account)).permissions, request.scope);
  const { token, expiresIn } = await signAccessToken(db, { id: account.id, clientId: account.clientId, organizationId: account.organizationId, scope }, now);
  touchServiceAccount(db, account, now);
  return { access_token: token, token_type: "Bearer", expires_in: expiresIn, scope: scope.join(" ") };
}
