import { samlLoginResponse } from "@/lib/http/saml-endpoints";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ connection_id: string }> }) {
  return samlLoginResponse(req, (await params).connection_id);
}
