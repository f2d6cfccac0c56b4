import "server-only";
import { getDb } from "../../db/client";
import { serviceProviderMetadata } from "../adapters/saml/request";
import { sessionCookieName } from "../auth/cookies";
import { refusedPath } from "../auth/refused-path";
import { AppError } from "../errors";
import { env } from "../env";
import { finishSamlLogin } from "../services/saml/acs";
import { samlConnectionExists } from "../services/saml/connections";
import { startSamlLogin } from "../services/saml/login";
import { samlServiceProviderUrls } from "../services/saml/urls";
import { createSessionRow, deleteSessionByToken } from "../services/sessions";
import { cookieValue } from "./authenticate";
import { countSignInAttempt } from "./auth-route";
import { readBodyBytes } from "./body";
import { setSecurityHeaders } from "./security-headers";

function answer(status: number, body: string | null, headers: Record<string, string>) {
  const all = new Headers({ "cache-control": "no-store", ...headers });
  setSecurityHeaders(all, env().SITE_URL);
  return new Response(body, { status, headers: all });
}

const redirectTo = (path: string, status = 303, extra: Record<string, string> = {}) =>
  answer(status, null, { location: new URL(path, env().SITE_URL).href, ...extra });

/** `GET /saml/<id>/metadata`: our metadata for one connection (available before the IdP side is filled in). */
export async function samlMetadataResponse(connectionId: string) {
  const db = await getDb();
  if (!(await samlConnectionExists(db, connectionId))) return answer(404, "Not found.", { "content-type": "text/plain; charset=utf-8" });
  const sp = samlServiceProviderUrls(connectionId.toLowerCase());
  return answer(200, serviceProviderMetadata({ spEntityId: sp.entityId, acsUrl: sp.acsUrl }), { "content-type": "application/samlmetadata+xml" });
}

/** `GET /saml/<id>/login?return_to=`: counts as a sign-in attempt, records the request and sends the browser to the IdP. */
export async function samlLoginResponse(req: Request, connectionId: string) {
  try {
    await countSignInAttempt(req.headers);
  } catch (err) {
    if (err instanceof AppError && err.key === "throttled") return redirectTo(refusedPath({ reason: "throttled" }));
    throw err;
  }
  const url = await startSamlLogin(await getDb(), connectionId, new URL(req.url).searchParams.get("return_to"));
  if (!url) return redirectTo(refusedPath({ reason: "saml_unavailable" }));
  return answer(302, null, { location: url });
}

/**
 * `POST /saml/<id>/acs`: the identity provider's response, posted by the browser. A valid one becomes a session (the
 * cookie next-auth reads) and the browser goes on to where the sign-in started; any refusal goes to a page that says why.
 */
export async function samlAcsResponse(req: Request, connectionId: string) {
  const db = await getDb();
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(new TextDecoder().decode(await readBodyBytes(req)));
  } catch {
    return redirectTo(refusedPath({ reason: "saml_malformed" }));
  }
  const samlResponse = form.get("SAMLResponse");
  if (!samlResponse) return redirectTo(refusedPath({ reason: "saml_malformed" }));
  const result = await finishSamlLogin(db, connectionId, { samlResponse, relayState: form.get("RelayState") ?? undefined });
  if (!result.ok) return redirectTo(refusedPath(result));
  const cookieName = sessionCookieName();
  const current = cookieValue(req.headers.get("cookie"), cookieName);
  if (current) await deleteSessionByToken(db, current);
  const { token, session } = await createSessionRow(db, { userId: result.userId, mfa: result.mfa });
  const secure = env().SITE_URL.startsWith("https://") ? "; Secure" : "";
  const cookie = `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expires.toUTCString()}${secure}`;
  return redirectTo(result.returnTo, 303, { "set-cookie": cookie });
}
