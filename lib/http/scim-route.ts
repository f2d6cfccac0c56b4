import "server-only";
import { getDb } from "../../db/client";
import { logScimRequestInBackground } from "../services/scim/request-log";
import { scimTenantOf } from "../services/scim/tenant";
import { scimFamily } from "./families/scim";
import { createRouter, type Handler, type RouteContext } from "./router";

const router = createRouter(scimFamily);

/**
 * Every request to a tenant's SCIM base URL goes into that tenant's request log (masked), after the answer is built and
 * without waiting for the write: logging never fails or slows provisioning. Unknown tenants have no log.
 */
function logged(handler: Handler): Handler {
  return async (req: Request, ctx: RouteContext) => {
    const started = performance.now();
    const requestBody = req.method === "GET" || req.method === "DELETE" ? "" : await req.clone().text().catch(() => "");
    const response = await handler(req, ctx);
    // Read now: once returned, the server streams the body out and a later clone() throws.
    const responseBody = response.clone().text().catch(() => "");
    const connectionId = String((await ctx.params).connection_id ?? "");
    void (async () => {
      const db = await getDb();
      const tenant = await scimTenantOf(db, connectionId);
      if (!tenant) return;
      const url = new URL(req.url);
      logScimRequestInBackground(db, {
        organizationId: tenant.organizationId,
        target: tenant.target,
        method: req.method,
        path: url.pathname + url.search,
        headers: req.headers,
        requestBody,
        status: response.status,
        responseBody: await responseBody,
        durationMs: Math.round(performance.now() - started),
      });
    })().catch(() => undefined);
    return response;
  };
}

type Methods = Parameters<typeof router.routes>[0];

/** The SCIM family's handlers for one path, every one logged; methods the path lacks answer 405 in SCIM form. */
export function scimRoutes(handlers: Methods) {
  const all = router.routes(handlers);
  return Object.fromEntries(Object.entries(all).map(([method, handler]) => [method, logged(handler)])) as typeof all;
}

export const scimRoute = router.route;
export const scimUnknownPath = logged(router.unknownPath);
