import { route, routes } from "@/lib/http/route";
import { createLegalDocument, listLegalDocuments } from "@/lib/services/legal-documents";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listLegalDocuments),
  POST: route(createLegalDocument, { status: 201 }),
});
