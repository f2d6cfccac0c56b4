import { route, routes } from "@/lib/http/route";
import { regenerateConfigScimToken } from "@/lib/services/identity-provider-configs";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(regenerateConfigScimToken) });
