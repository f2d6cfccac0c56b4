import { route, routes } from "@/lib/http/route";
import { createDomain, listDomains } from "@/lib/services/domains";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listDomains),
  POST: route(createDomain, { status: 201 }),
});
