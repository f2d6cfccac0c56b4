import { route, routes } from "@/lib/http/route";
import { deleteIntegration, getIntegration, updateWebhook } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getIntegration),
  PATCH: route(updateWebhook),
  DELETE: route(deleteIntegration, { status: 204 }),
});
