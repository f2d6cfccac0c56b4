import { authenticate } from "../authenticate";
import type { Family } from "../family";
import { apiFamily, json } from "./api";

/**
 * A success of the directory API. What the documented API answers "No content" is a 200 with an empty body, never a
 * 204: its clients wait for a 200.
 */
function value(status: number, body: unknown, requestId: string) {
  if (status === 204) return new Response(null, { status: 200, headers: { "x-request-id": requestId } });
  return json(status, body, requestId);
}

/**
 * `/directory`: the directory API over the same organizations, members and domains as `/api`. A cookie session, a
 * personal API key (scopes `directory:read`, `directory:write`) or a service account's access token; JSON bodies
 * and `{type, code, detail, attr}` errors as in `/api`; pages in `/api`'s envelope.
 */
export const directoryFamily: Family = {
  readBody: apiFamily.readBody,
  authenticate: (db, p) => authenticate(db, p.req, p.url.searchParams, p.body, p.requestId),
  value,
  list: apiFamily.list,
  error: apiFamily.error,
};
