import { route, routes } from "@/lib/http/route";
import { listIdentityProviderConfigScimLogs } from "@/lib/services/scim-logs";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(listIdentityProviderConfigScimLogs) });
