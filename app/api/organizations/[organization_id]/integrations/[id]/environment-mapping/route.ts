import { route, routes } from "@/lib/http/route";
import { updateEnvironmentMapping } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ PATCH: route(updateEnvironmentMapping) });
