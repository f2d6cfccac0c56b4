import { route, routes } from "@/lib/http/route";
import { createOrganization, listOrganizations } from "@/lib/services/organizations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listOrganizations),
  POST: route(createOrganization, { status: 201 }),
});
