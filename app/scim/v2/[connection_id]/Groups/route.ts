import { scimRoute, scimRoutes } from "@/lib/http/scim-route";
import { createScimGroup, listScimGroups } from "@/lib/services/scim/groups";

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({ GET: scimRoute(listScimGroups), POST: scimRoute(createScimGroup, { status: 201 }) });
