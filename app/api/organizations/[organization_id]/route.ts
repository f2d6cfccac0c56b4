import { route, routes } from "@/lib/http/route";
import { deleteOrganization, getOrganization, updateOrganization } from "@/lib/services/organizations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getOrganization),
  PATCH: route(updateOrganization),
  DELETE: route(deleteOrganization, { status: 204 }),
});
