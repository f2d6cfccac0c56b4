import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "../../db/client";
import { env } from "../env";
import { contentDisposition } from "../format/content-disposition";
import { AppError } from "../errors";
import { log } from "../log";
import { execute, type Operation } from "../services/operation";
import { Page } from "../services/page";
import { FileResult, NoContent, Redirect } from "../services/results";
import type { Family, Prepared } from "./family";
import { setSecurityHeaders } from "./security-headers";

type Params = Record<string, string | string[] | undefined>;
export type RouteContext = { params: Promise<Params> };
export type Handler = (req: Request, ctx: RouteContext) => Promise<Response>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function requestIdOf(req: Request) {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** True when an operation's input is an object of nothing but the path's ids: it takes no body. */
function takesNoBody(input: z.ZodType, ids: Record<string, string>) {
  if (!(input instanceof z.ZodObject)) return false;
  const catchall = input.def.catchall;
  if (catchall && !(catchall instanceof z.ZodNever)) return false;
  return Object.keys(input.shape).every((name) => name in ids);
}

/**
 * The operation's wire input: query (GET, DELETE) or body (writes), with the path's ids, those naming the caller's
 * context aside (`:organization_id`, a SCIM tenant). A DELETE, or a write whose operation takes no body, ignores
 * whatever JSON the body holds, whatever its type.
 */
function inputOf({ req, url, body, params }: Prepared, op: Operation, contextParams: readonly string[]): unknown {
  const ids = Object.fromEntries(Object.entries(params).filter(([name]) => !contextParams.includes(name)));
  const readsBody = WITH_BODY.has(req.method) && req.method !== "DELETE" && !takesNoBody(op.input, ids);
  if (!readsBody) return { ...Object.fromEntries(url.searchParams), ...ids };
  if (body !== undefined && (body === null || typeof body !== "object" || Array.isArray(body))) return body;
  return { ...(body as object | undefined), ...ids };
}

function fileResponse(file: FileResult, requestId: string) {
  const headers: Record<string, string> = { "x-request-id": requestId, "content-type": file.contentType };
  if (file.filename) headers["content-disposition"] = contentDisposition(file.disposition, file.filename);
  return new Response(file.body as BodyInit, { status: 200, headers });
}

/** Route handlers for one protocol family: the same pipeline for every family, its own bodies and errors. */
export function createRouter(family: Family) {
  /** Runs a handler with a request id on every log line and on the response, and one access-log line. */
  async function handle(req: Request, ctx: RouteContext, work: (p: Prepared) => Promise<Response>) {
    const requestId = requestIdOf(req);
    const started = performance.now();
    let response: Response;
    let path = "";
    try {
      const url = new URL(req.url);
      path = url.pathname;
      const raw = (await ctx.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) if (typeof v === "string") params[k] = v;
      response = await work({ req, url, body: await family.readBody(req), params, requestId });
    } catch (err) {
      response = family.error(err, requestId);
    }
    setSecurityHeaders(response.headers, env().SITE_URL);
    if (log.isLevelEnabled("info")) {
      log.info({ request_id: requestId, method: req.method, path, status: response.status, ms: Math.round(performance.now() - started) }, "request");
    }
    return response;
  }

  /** The response of an operation's result: a page, a redirect, a file, no content, or a value. */
  function respond(result: unknown, status: number, prepared: Prepared) {
    const { requestId } = prepared;
    if (result instanceof Page) return family.value(status, family.list(result, prepared.url), requestId);
    // A redirect may carry a short-lived signed link: no cache may keep it.
    if (result instanceof Redirect) return new Response(null, { status: result.status, headers: { location: result.location, "cache-control": "no-store", "x-request-id": requestId } });
    if (result instanceof FileResult) return fileResponse(result, requestId);
    if (result === null || result instanceof NoContent) return family.value(204, null, requestId);
    return family.value(status, result, requestId);
  }

  /** A handler for an operation: authenticate, run the pipeline, answer the result or the family's error body. */
  function route<S extends z.ZodType, R>(op: Operation<S, R>, options: { status?: number } = {}): Handler {
    const status = options.status ?? 200;
    const handler: Handler = (req, ctx) =>
      handle(req, ctx, async (prepared) => {
        const db = await getDb();
        const principal = await family.authenticate(db, prepared);
        const result = await execute(op, { db, principal, organizationId: prepared.params.organization_id, input: inputOf(prepared, op, family.contextParams ?? ["organization_id"]) });
        return respond(result, status, prepared);
      });
    // The OpenAPI document's test reads which operation (and success status) each route file's handler runs.
    return Object.defineProperties(handler, { operation: { value: op }, status: { value: status } });
  }

  const methodNotAllowed: Handler = (req, ctx) =>
    handle(req, ctx, async (prepared) => {
      await family.beforeMethodNotAllowed?.(await getDb(), prepared);
      throw new AppError("method_not_allowed", { detail: `Method "${req.method}" not allowed.` });
    });

  /** Every method of a path: the given handlers, and the family's 405 for the rest. */
  function routes(handlers: Partial<Record<Method, Handler>>): Record<Method, Handler> {
    return Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? methodNotAllowed])) as Record<Method, Handler>;
  }

  /** The family's 404 for paths under it that do not exist. */
  const unknownPath: Handler = (req, ctx) =>
    handle(req, ctx, async () => {
      throw new AppError("not_found");
    });

  return { route, routes, unknownPath };
}
