import { route, routes } from "@/lib/http/route";
import { deleteOAuthApplication, getOAuthApplication, updateOAuthApplication } from "@/lib/services/oauth-applications";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getOAuthApplication),
  PATCH: route(updateOAuthApplication),
  DELETE: route(deleteOAuthApplication, { status: 204 }),
});
