import type { Db } from "../../db/client";
import { sessionCookieName } from "../auth/cookies";
import { authenticateApiKey, authenticateSession, type Principal } from "../auth/principal";
import { tokenKind } from "../auth/tokens";
import { env } from "../env";
import { AppError } from "../errors";
import { authenticateAccessToken } from "../services/service-accounts/caller";
import { withAddress } from "./request-address";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A cookie value that is not valid percent-encoding is no credential at all (signed out), never a server error. */
function decodeCookie(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** A cookie's value from a Cookie header; null when absent or not valid percent-encoding. */
export function cookieValue(header: string | null, name: string) {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookie(part.slice(eq + 1).trim());
  }
  return null;
}

/** A cookie-authenticated write must come from SITE_URL's origin (Origin, else Referer). */
function originAllowed(req: Request) {
  let origin = req.headers.get("origin");
  if (!origin) {
    const referer = req.headers.get("referer");
    try {
      origin = referer ? new URL(referer).origin : null;
    } catch {
      origin = null;
    }
  }
  return origin === env().SITE_ORIGIN;
}

/**
 * Who is calling: a personal API key or a service account's access token (told apart by their shape) in the
 * Authorization header, else a personal API key in the body,
 * else in the query string; otherwise the session cookie. Null when no credentials were presented. The caller carries
 * the request's client address.
 */
export async function authenticate(db: Db, req: Request, query: URLSearchParams, body: unknown, requestId?: string): Promise<Principal | null> {
  const principal = await credentialsOf(db, req, query, body, requestId);
  return principal && withAddress(principal, req.headers);
}

async function credentialsOf(db: Db, req: Request, query: URLSearchParams, body: unknown, requestId?: string): Promise<Principal | null> {
  const authorization = req.headers.get("authorization");
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer && tokenKind(bearer) === "access_token") return authenticateAccessToken(db, bearer, { requestId });
  if (bearer) return authenticateApiKey(db, bearer, "header", { requestId });
  const bodyKey = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>).personal_api_key : undefined;
  if (typeof bodyKey === "string" && bodyKey) return authenticateApiKey(db, bodyKey, "body", { requestId });
  const queryKey = query.get("personal_api_key");
  if (queryKey) return authenticateApiKey(db, queryKey, "query", { requestId });

  const token = cookieValue(req.headers.get("cookie"), sessionCookieName());
  if (!token) return null;
  const principal = await authenticateSession(db, token);
  if (principal && UNSAFE_METHODS.has(req.method) && !originAllowed(req)) throw new AppError("csrf_failed");
  return principal;
}
