import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getDb } from "../../db/client";
import { MEMBER } from "../auth/permissions";
import { AppError, organizationNotFound } from "../errors";
import { log } from "../log";
import { checkOrganizationAccess, execute, type Operation } from "../services/operation";
import { resolveOrganization } from "../services/organization-access";
import { Page } from "../services/page";
import { authenticate } from "./authenticate";
import { errorResponse, json, pageBody } from "./respond";

type Params = Record<string, string | string[] | undefined>;
export type RouteContext = { params: Promise<Params> };
type Handler = (req: Request, ctx: RouteContext) => Promise<Response>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Prepared = { url: URL; body: unknown; params: Record<string, string> };

function requestIdOf(req: Request) {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** Malformed JSON is refused before anything else (decision 8); an empty body is no body. */
async function readBody(req: Request): Promise<unknown> {
  if (!WITH_BODY.has(req.method)) return undefined;
  const text = await req.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("parse_error");
  }
}

async function prepare(req: Request, ctx: RouteContext): Promise<Prepared> {
  const raw = (await ctx.params) ?? {};
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") params[k] = v;
  return { url: new URL(req.url), body: await readBody(req), params };
}

/** Runs a handler with a request id on every log line and on the response, and one access-log line. */
async function handle(req: Request, ctx: RouteContext, work: (p: Prepared, requestId: string) => Promise<Response>) {
  const requestId = requestIdOf(req);
  const started = performance.now();
  let response: Response;
  let path = "";
  try {
    const prepared = await prepare(req, ctx);
    path = prepared.url.pathname;
    response = await work(prepared, requestId);
  } catch (err) {
    response = errorResponse(err, requestId);
  }
  if (log.isLevelEnabled("info")) {
    log.info({ request_id: requestId, method: req.method, path, status: response.status, ms: Math.round(performance.now() - started) }, "request");
  }
  return response;
}

/** The operation's wire input: query (GET) or body (writes), with the path's ids, `:organization_id` aside. */
function inputOf(req: Request, { url, body, params }: Prepared): unknown {
  const { organization_id: _, ...ids } = params;
  if (body !== undefined && (body === null || typeof body !== "object" || Array.isArray(body))) return body;
  const fields = WITH_BODY.has(req.method) && req.method !== "DELETE" ? (body as object | undefined) : Object.fromEntries(url.searchParams);
  return { ...fields, ...ids };
}

/** A REST handler for an operation: authenticate, run the pipeline, serialize the result or the error body. */
export function route<S extends z.ZodType, R>(op: Operation<S, R>, options: { status?: number } = {}): Handler {
  const status = options.status ?? 200;
  return (req, ctx) =>
    handle(req, ctx, async (prepared, requestId) => {
      const db = await getDb();
      const principal = await authenticate(db, req, prepared.url.searchParams, prepared.body, requestId);
      const result = await execute(op, {
        db,
        principal,
        organizationId: prepared.params.organization_id,
        input: inputOf(req, prepared),
      });
      if (result instanceof Page) return json(status, pageBody(result, prepared.url), requestId);
      return json(result === null ? 204 : status, result, requestId);
    });
}

/** 405 after authentication and membership, as the reference's permissions run first (api-behavior §2.4). */
function methodNotAllowed(): Handler {
  return (req, ctx) =>
    handle(req, ctx, async (prepared, requestId) => {
      const db = await getDb();
      const principal = await authenticate(db, req, prepared.url.searchParams, prepared.body, requestId);
      if (!principal?.user) throw new AppError("not_authenticated");
      const organizationId = prepared.params.organization_id;
      if (organizationId !== undefined) {
        const access = await resolveOrganization(db, principal.user, organizationId);
        if (!access) throw organizationNotFound();
        checkOrganizationAccess(principal, access, { level: MEMBER }, new Date());
      }
      throw new AppError("method_not_allowed", { detail: `Method "${req.method}" not allowed.` });
    });
}

/** Every method of a path: the given handlers, and the error body's 405 for the rest. */
export function routes(handlers: Partial<Record<Method, Handler>>): Record<Method, Handler> {
  const fallback = methodNotAllowed();
  return Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? fallback])) as Record<Method, Handler>;
}

/** A JSON 404 in the error body for API paths that do not exist. */
export const unknownPath: Handler = (req, ctx) =>
  handle(req, ctx, async () => {
    throw new AppError("not_found");
  });
