import { storageResponse } from "@/lib/http/storage-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ key: string[] }> }) {
  return storageResponse(req, (await params).key.join("/"));
}
