import { scimRoute, scimRoutes } from "@/lib/http/scim-route";
import { createScimUser, listScimUsers } from "@/lib/services/scim/users";

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({ GET: scimRoute(listScimUsers), POST: scimRoute(createScimUser, { status: 201 }) });
