/** Reading a token request (RFC 6749 §4.4 and §2.3.1) from its headers and form body, before anything is looked up. */
import { AppError } from "../errors";

export type ClientCredentials = { clientId: string; clientSecret: string; viaBasic: boolean };
export type ParsedTokenRequest = ClientCredentials & { grantType: string; scope: string | null };

const invalidRequest = (detail: string) => new AppError("oauth_invalid_request", { detail });
const invalidClient = (detail: string) => new AppError("oauth_invalid_client", { detail });

/** `application/x-www-form-urlencoded` decoding: `+` is a space, then percent-escapes; null when an escape is broken. */
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/**
 * HTTP Basic client credentials: base64 of `id:secret`, each form-urlencoded first (RFC 6749 §2.3.1), so a `:` or a
 * non-ASCII character in either survives. Null without a Basic header; invalid_client when it is malformed.
 */
export function basicCredentials(authorization: string | null): { clientId: string; clientSecret: string } | null {
  if (!authorization || !/^basic(\s|$)/i.test(authorization)) return null;
  const encoded = authorization.slice(5).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw invalidClient("The Basic credentials are not valid base64.");
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw invalidClient("The Basic credentials have no ':' between the client id and secret.");
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (clientId === null || clientSecret === null) throw invalidClient("The Basic credentials hold a malformed percent-escape.");
  if (!clientId) throw invalidClient("The Basic credentials name no client id.");
  return { clientId, clientSecret };
}

/** The form's parameters, each at most once (RFC 6749 §3.2); an empty value counts as absent. */
function formParameters(body: string): Map<string, string> {
  const params = new URLSearchParams(body);
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (seen.has(name)) throw invalidRequest(`The parameter "${name.slice(0, 50)}" is repeated.`);
    seen.set(name, value);
  }
  for (const [name, value] of seen) if (value === "") seen.delete(name);
  return seen;
}

/**
 * A token request: a form body, `grant_type`, `scope`, and the client authenticated either by HTTP Basic or by
 * `client_id` and `client_secret` in the form, never both. Throws the OAuth error the request deserves.
 */
export function parseTokenRequest(contentType: string | null, authorization: string | null, body: string): ParsedTokenRequest {
  const basic = basicCredentials(authorization);
  const mediaType = contentType?.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") throw invalidRequest("Send the request as application/x-www-form-urlencoded.");
  const form = formParameters(body);
  const grantType = form.get("grant_type");
  if (!grantType) throw invalidRequest('The parameter "grant_type" is required.');
  const scope = form.get("scope") ?? null;
  const formId = form.get("client_id");
  const formSecret = form.get("client_secret");
  if (basic) {
    if (formSecret !== undefined) throw invalidRequest("Authenticate the client one way: HTTP Basic or client_secret in the form, not both.");
    if (formId !== undefined && formId !== basic.clientId) throw invalidRequest("The client_id in the form is not the one in the Basic credentials.");
    return { ...basic, viaBasic: true, grantType, scope };
  }
  if (!formId || formSecret === undefined) throw invalidClient("Authenticate the client with HTTP Basic, or with client_id and client_secret in the form.");
  return { clientId: formId, clientSecret: formSecret, viaBasic: false, grantType, scope };
}
