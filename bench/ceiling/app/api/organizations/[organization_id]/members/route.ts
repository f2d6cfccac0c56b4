import { membersBody, membersPage } from "../../../../../../queries.mjs";
import { db, prepare } from "../../../../../lib/db";

export const dynamic = "force-dynamic";

/** lib/schemas/common.ts: a positive integer from the query string, else the default (0 allowed for the offset). */
function intParam(value: string | null, fallback: number, allowZero: boolean) {
  const n = value !== null && /^\d+$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  return !Number.isSafeInteger(n) || (!allowZero && n === 0) ? fallback : n;
}

/**
 * The ceiling of `GET /api/organizations/<uuid>/members/` (bench/members.mjs): our endpoint's SQL (authentication,
 * the organization, the page and its count; with `search` in a transaction with `set local`), in its order, and
 * nothing else.
 */
export async function GET(req: Request, ctx: { params: Promise<{ organization_id: string }> }) {
  const { organization_id } = await ctx.params;
  const key = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!key) return Response.json({ type: "authentication_error", code: "not_authenticated" }, { status: 401 });
  const url = new URL(req.url);
  const query = url.searchParams;
  const page = {
    limit: intParam(query.get("limit"), 100, false),
    offset: intParam(query.get("offset"), 0, true),
    search: query.get("search") ?? undefined,
  };
  const result = await membersPage(db(), key, organization_id, page, { prepare });
  if (!result) return Response.json({ type: "invalid_request", code: "not_found" }, { status: 404 });
  const body = membersBody(result, url, process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`, page);
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
}
