import { AppError, errorResponseParts, type ErrorKey } from "../../errors";
import { log } from "../../log";
import type { Page } from "../../services/page";
import { scimPrincipal, scimTenantOf } from "../../services/scim/tenant";
import { isJsonMediaType, readBodyBytes } from "../body";
import type { Family } from "../family";

export const SCIM_CONTENT_TYPE = "application/scim+json";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** RFC 7644's `scimType` of each expected failure that has one. */
const SCIM_TYPES: Partial<Record<ErrorKey, string>> = {
  invalid_filter: "invalidFilter",
  conflict: "uniqueness",
  parse_error: "invalidSyntax",
  invalid_input: "invalidValue",
  required: "invalidValue",
  null: "invalidValue",
  blank: "invalidValue",
  max_length: "invalidValue",
  invalid_choice: "invalidValue",
  no_target: "noTarget",
};

/** JSON in (`application/scim+json` or `application/json`, any parameters), at most 1 MiB; an empty body is none. */
async function readBody(req: Request): Promise<unknown> {
  if (req.method === "GET" || req.method === "DELETE") return undefined;
  const bytes = await readBodyBytes(req);
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) return undefined;
  if (!isJsonMediaType(req.headers.get("content-type"))) throw new AppError("unsupported_media_type", { detail: "Send the body as application/scim+json or application/json." });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("parse_error", { detail: "The body is not valid JSON." });
  }
}

function value(status: number, body: unknown, requestId: string) {
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (status === 204) return new Response(null, { status, headers });
  const location = (body as { meta?: { location?: unknown } } | null)?.meta?.location;
  if (status === 201 && typeof location === "string") headers.location = location;
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": SCIM_CONTENT_TYPE } });
}

/** RFC 7644's ListResponse: integers, a 1-based `startIndex`, the resources of this page. */
function list(page: Page<unknown>) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: page.count,
    startIndex: page.pagination.offset + 1,
    itemsPerPage: page.results.length,
    Resources: page.results,
  };
}

/** Errors in SCIM form: `status` as a string, `scimType` where RFC 7644 defines one, and a `detail`. */
function error(err: unknown, requestId: string) {
  const { status, body, expected } = errorResponseParts(err);
  if (!expected) log.error({ err, request_id: requestId }, "unexpected SCIM error");
  const scimType = err instanceof AppError ? SCIM_TYPES[err.key] : undefined;
  const detail = body.attr && !body.detail.includes(body.attr) ? `${body.attr}: ${body.detail}` : body.detail;
  const response = value(status, { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType && { scimType }), detail }, requestId);
  if (status === 401) response.headers.set("www-authenticate", 'Bearer realm="scim"');
  return response;
}

/**
 * `/scim/v2/<id>`: a domain's or identity-provider config's SCIM client, by the bearer token stored (hashed) on that
 * very tenant. No token is 401 like a wrong one; the caller is then bound to the tenant's organization.
 */
export const scimFamily: Family = {
  readBody,
  contextParams: ["connection_id"],
  async authenticate(db, { req, params }) {
    const header = req.headers.get("authorization") ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw new AppError("not_authenticated", { detail: "Send the SCIM token as a Bearer token." });
    const principal = scimPrincipal(await scimTenantOf(db, params.connection_id ?? ""), token);
    if (!principal) throw new AppError("authentication_failed", { detail: "The SCIM token is not valid for this base URL." });
    return principal;
  },
  value,
  list,
  error,
};
