import { scimRoute, scimRoutes } from "@/lib/http/scim-route";
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/services/scim/groups";

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: scimRoute(getScimGroup),
  PUT: scimRoute(replaceScimGroup),
  PATCH: scimRoute(patchScimGroup),
  DELETE: scimRoute(deleteScimGroup),
});
