import { currentOrganization } from "../../../../../queries.mjs";
import { db, prepare } from "../../../../lib/db";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ type: "invalid_request", code: "not_found" }, { status: 404 });

/** The ceiling of `GET /api/organizations/@current/`: our endpoint's SQL, in its order, and nothing else. */
export async function GET(req: Request, ctx: { params: Promise<{ organization_id: string }> }) {
  const { organization_id } = await ctx.params;
  const key = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!key) return Response.json({ type: "authentication_error", code: "not_authenticated" }, { status: 401 });
  if (organization_id !== "@current") return notFound();
  const body = await currentOrganization(db(), key, { prepare });
  if (!body) return notFound();
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
}
