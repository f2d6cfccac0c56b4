import { samlMetadataResponse } from "@/lib/http/saml-endpoints";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ connection_id: string }> }) {
  return samlMetadataResponse((await params).connection_id);
}
