import { route, routes } from "@/lib/http/route";
import { deleteLegalDocument, getLegalDocument } from "@/lib/services/legal-documents";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getLegalDocument),
  DELETE: route(deleteLegalDocument, { status: 204 }),
});
