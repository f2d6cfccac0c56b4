import { db } from "../../lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  await db()`select 1`;
  return Response.json({ status: "ready" });
}
