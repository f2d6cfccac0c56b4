import { samlAcsResponse } from "@/lib/http/saml-endpoints";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ connection_id: string }> }) {
  return samlAcsResponse(req, (await params).connection_id);
}
