import { db } from "../../../../../lib/db";
import { afterAnswer, createUser, listUsers, type Logged } from "../../../../../lib/scim";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ connection_id: string }> };

const siteUrl = () => process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const tokenOf = (req: Request) => /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];

function answer(req: Request, started: number, requestBody: string, status: number, body: unknown, tenantId: string) {
  const text = JSON.stringify(body);
  const url = new URL(req.url);
  const entry: Logged = { method: req.method, path: url.pathname + url.search, userAgent: req.headers.get("user-agent"), requestBody, status, responseBody: text, started };
  afterAnswer(db(), tenantId, entry);
  const headers: Record<string, string> = { "content-type": "application/scim+json" };
  const location = (body as { meta?: { location?: string } }).meta?.location;
  if (status === 201 && location) headers.location = location;
  return new Response(text, { status, headers });
}

/** The ceiling of `POST /scim/v2/<domain id>/Users` (bench/scim.mjs): our endpoint's SQL, in its order, and nothing else. */
export async function POST(req: Request, ctx: Ctx) {
  const started = performance.now();
  const { connection_id } = await ctx.params;
  const text = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return answer(req, started, text, 400, { status: "400", scimType: "invalidSyntax", detail: "The body is not valid JSON." }, connection_id);
  }
  const result = await createUser(db(), connection_id, tokenOf(req), (body ?? {}) as Record<string, unknown>, siteUrl());
  return answer(req, started, text, result.status, result.body, connection_id);
}

/** The ceiling of `GET /scim/v2/<domain id>/Users` (a page, or `filter=userName eq "…"`). */
export async function GET(req: Request, ctx: Ctx) {
  const started = performance.now();
  const { connection_id } = await ctx.params;
  const result = await listUsers(db(), connection_id, tokenOf(req), new URL(req.url).searchParams, siteUrl());
  return answer(req, started, "", result.status, result.body, connection_id);
}
