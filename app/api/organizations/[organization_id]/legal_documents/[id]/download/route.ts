import { route, routes } from "@/lib/http/route";
import { downloadLegalDocument } from "@/lib/services/legal-documents";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(downloadLegalDocument, { status: 302 }),
});
