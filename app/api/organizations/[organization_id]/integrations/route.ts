import { route, routes } from "@/lib/http/route";
import { createIntegration, listIntegrations } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listIntegrations),
  POST: route(createIntegration, { status: 201 }),
});
