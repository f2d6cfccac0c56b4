import type { RouteContext } from "@/lib/http/route";
import { signingSubmissionResponse } from "@/lib/http/legal-endpoints";

export async function POST(req: Request, ctx: RouteContext) {
  const { token } = await ctx.params;
  return signingSubmissionResponse(req, typeof token === "string" ? token : "");
}
