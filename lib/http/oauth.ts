import "server-only";
import { getDb } from "../../db/client";
import { DIRECTORY_PERMISSIONS } from "../auth/directory-permissions";
import { env } from "../env";
import { AppError, errorResponseParts } from "../errors";
import { log } from "../log";
import { clientCredentialsGrant, jwks } from "../services/service-accounts";
import { readBodyBytes } from "./body";
import { parseTokenRequest } from "./oauth-token-request";
import { requestClientAddress } from "./request-address";
import { setSecurityHeaders } from "./security-headers";

/** A token request is a few hundred bytes of form; anything near this is not one. */
const MAX_TOKEN_REQUEST_BYTES = 16 * 1024;

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  const all = new Headers({ "content-type": "application/json", ...headers });
  setSecurityHeaders(all, env().SITE_URL);
  return new Response(JSON.stringify(body), { status, headers: all });
}

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** An RFC 6749 §5.2 error body; a client that used HTTP Basic is told to authenticate that way again. */
function oauthError(err: unknown, viaBasic: boolean) {
  const { status, body, expected } = errorResponseParts(err);
  if (!expected) log.error({ err }, "unexpected error at the token endpoint");
  const isOAuth = err instanceof AppError && err.key.startsWith("oauth_");
  const throttled = err instanceof AppError && err.key === "throttled";
  const error = isOAuth ? body.code : throttled ? "slow_down" : status >= 500 ? "server_error" : "invalid_request";
  const headers: Record<string, string> = { ...NO_STORE };
  if (status === 401) headers["www-authenticate"] = viaBasic ? 'Basic realm="oauth", charset="UTF-8"' : 'Basic realm="oauth"';
  if (throttled && (err as AppError).retryAfter !== undefined) headers["retry-after"] = String((err as AppError).retryAfter);
  return json(status, { error, error_description: body.detail }, headers);
}

/** `POST /oauth/token`: the client-credentials grant for service accounts, answered as RFC 6749 §5.1 and §5.2 say. */
export async function tokenEndpoint(req: Request): Promise<Response> {
  let viaBasic = false;
  try {
    viaBasic = /^basic(\s|$)/i.test(req.headers.get("authorization") ?? "");
    const body = new TextDecoder().decode(await readBodyBytes(req, MAX_TOKEN_REQUEST_BYTES));
    const parsed = parseTokenRequest(req.headers.get("content-type"), req.headers.get("authorization"), body);
    const address = requestClientAddress(req.headers);
    const result = await clientCredentialsGrant(await getDb(), { ...parsed, address }, new Date());
    return json(200, result, NO_STORE);
  } catch (err) {
    return oauthError(err, viaBasic);
  }
}

/** Any other method at `/oauth/token`. */
export async function tokenMethodNotAllowed(req: Request): Promise<Response> {
  return json(405, { error: "invalid_request", error_description: `Method "${req.method}" not allowed: use POST.` }, { ...NO_STORE, allow: "POST" });
}

/** `GET /.well-known/jwks.json`: the public keys that sign access tokens; never empty (the first key is made here if need be). */
export async function jwksEndpoint(): Promise<Response> {
  return json(200, await jwks(await getDb(), new Date()), { "cache-control": "public, max-age=300" });
}

/** The authorization server's metadata (RFC 8414). */
export function authorizationServerMetadata() {
  const site = env().SITE_URL;
  return {
    issuer: site,
    token_endpoint: `${site}/oauth/token`,
    jwks_uri: `${site}/.well-known/jwks.json`,
    grant_types_supported: ["client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    scopes_supported: [...DIRECTORY_PERMISSIONS],
    response_types_supported: [],
  };
}

/** `GET /.well-known/oauth-authorization-server`. */
export async function metadataEndpoint(): Promise<Response> {
  return json(200, authorizationServerMetadata(), { "cache-control": "public, max-age=300" });
}
