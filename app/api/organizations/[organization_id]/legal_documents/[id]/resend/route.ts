import { route, routes } from "@/lib/http/route";
import { resendLegalDocument } from "@/lib/services/legal-documents";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: route(resendLegalDocument),
});
