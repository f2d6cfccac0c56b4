import { route, routes } from "@/lib/http/route";
import { deleteDomain, getDomain, updateDomain } from "@/lib/services/domains";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getDomain),
  PATCH: route(updateDomain),
  PUT: route(updateDomain),
  DELETE: route(deleteDomain, { status: 204 }),
});
