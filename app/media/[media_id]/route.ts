import { mediaResponse } from "@/lib/http/media-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ media_id: string }> }) {
  return mediaResponse(req, (await params).media_id);
}
