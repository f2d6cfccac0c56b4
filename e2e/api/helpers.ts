import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { bearer, makeKey, makeUser } from "../support/cli";

/** The server's SITE_URL as the config sets it (`http://localhost:<port>`). */
export const SITE_URL = process.env.E2E_BASE_URL as string;
/** The same server reached by IP: Host differs from SITE_URL's. */
export const IP_URL = SITE_URL.replace("localhost", "127.0.0.1");

export type ErrorBody = { type: string; code: string; detail: string; attr: string | null };

export const err = (type: string, code: string, detail: string, attr: string | null = null): ErrorBody => ({
  type,
  code,
  detail,
  attr,
});

const denied = (detail = "You do not have permission to perform this action.") =>
  err("authentication_error", "permission_denied", detail);

/** The API's error bodies, exactly as clients see them. */
export const E = {
  notAuthenticated: err("authentication_error", "not_authenticated", "Authentication credentials were not provided."),
  keyInvalid: (where: "Authorization header" | "body" | "query string") =>
    err("authentication_error", "authentication_failed", `Personal API key found in request ${where} is invalid.`),
  denied,
  levelInsufficient: denied("Your organization access level is insufficient."),
  missingScope: (scope: string) => denied(`API key missing required scope '${scope}'`),
  keyNotForOrg: (orgId: string) => denied(`API key does not have access to the requested organization: ID ${orgId}.`),
  keysNotAllowed: (orgName: string) =>
    denied(
      `Organization '${orgName}' does not allow using personal API keys. Contact an admin to enable personal API keys for this organization.`,
    ),
  csrf: err("authentication_error", "csrf_failed", "CSRF check failed: origin not allowed."),
  twoFactorRequired: err(
    "authentication_error",
    "two_factor_required",
    "This organization requires two-factor authentication. Sign in again with a second factor.",
  ),
  twoFactorToEnforce: err(
    "validation_error",
    "two_factor_required",
    "Sign in with a second factor before requiring it for everyone.",
    "enforce_2fa",
  ),
  orgNotFound: err("invalid_request", "not_found", "Organization not found."),
  notFound: err("invalid_request", "not_found", "Not found."),
  methodNotAllowed: (method: string) => err("invalid_request", "method_not_allowed", `Method "${method}" not allowed.`),
  parseError: err("validation_error", "parse_error", "Malformed JSON."),
  notADict: (got: string) => err("validation_error", "invalid_input", `Invalid data. Expected a dictionary, but got ${got}.`),
  invalid: (detail: string, attr: string | null) => err("validation_error", "invalid_input", detail, attr),
  notAString: (attr: string) => err("validation_error", "invalid_input", "Not a valid string.", attr),
  notABoolean: (attr: string) => err("validation_error", "invalid_input", "Must be a valid boolean.", attr),
  maxLength: (max: number, attr: string) =>
    err("validation_error", "max_length", `Ensure this field has no more than ${max} characters.`, attr),
  required: (attr: string) => err("validation_error", "required", "This field is required.", attr),
  blank: (attr: string) => err("validation_error", "blank", "This field may not be blank.", attr),
  isNull: (attr: string) => err("validation_error", "null", "This field may not be null.", attr),
  invalidChoice: (value: string, attr: string) => err("validation_error", "invalid_choice", `"${value}" is not a valid choice.`, attr),
};

async function bodyOf(res: APIResponse): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Status and the whole error body in one assertion, so a failure shows both. */
export async function expectError(res: APIResponse, status: number, body: ErrorBody) {
  expect({ status: res.status(), body: await bodyOf(res) }, `${res.url()}`).toEqual({ status, body });
}

/** Asserts a success status and returns the JSON body (null for 204, whose body must be empty). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function expectOk(res: APIResponse, status = 200): Promise<any> {
  const text = await res.text();
  expect(res.status(), `${res.url()} answered ${text}`).toBe(status);
  if (status === 204) {
    expect(text).toBe("");
    return null;
  }
  return JSON.parse(text);
}

export const randomName = (prefix = "Org") => `${prefix} ${randomBytes(4).toString("hex")}`;

/** A fresh user who belongs to no organization, with a `*` key. */
export async function lonelyUser() {
  const user = await makeUser("lonely");
  const key = await makeKey(user.email, "*");
  return { user, key };
}

/** Creates an organization through the API (so the caller is its owner and it becomes their current one). */
export async function createOrgViaApi(request: APIRequestContext, key: string, data: Record<string, unknown> = {}) {
  const res = await request.post("/api/organizations/", { headers: bearer(key), data: { name: randomName(), ...data } });
  return expectOk(res, 201);
}

export const getOrg = async (request: APIRequestContext, key: string, id: string) =>
  expectOk(await request.get(`/api/organizations/${id}/`, { headers: bearer(key) }));

export const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/;
export const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
