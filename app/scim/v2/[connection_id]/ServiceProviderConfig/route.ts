import { scimRoute, scimRoutes } from "@/lib/http/scim-route";
import { scimServiceProviderConfig } from "@/lib/services/scim/discovery";

export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({ GET: scimRoute(scimServiceProviderConfig) });
