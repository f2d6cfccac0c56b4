import { scimRoute, scimRoutes } from "@/lib/http/scim-route";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/services/scim/users";

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({
  GET: scimRoute(getScimUser),
  PUT: scimRoute(replaceScimUser),
  PATCH: scimRoute(patchScimUser),
  DELETE: scimRoute(deleteScimUser),
});
