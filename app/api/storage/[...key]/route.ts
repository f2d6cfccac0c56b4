import { storageMethodNotAllowed, storageResponse } from "@/lib/http/storage-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ key: string[] }> }) {
  return storageResponse(req, (await params).key.join("/"));
}

export { storageMethodNotAllowed as POST, storageMethodNotAllowed as PUT, storageMethodNotAllowed as PATCH, storageMethodNotAllowed as DELETE };
