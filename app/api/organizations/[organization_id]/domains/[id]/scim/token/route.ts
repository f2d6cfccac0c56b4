import { route, routes } from "@/lib/http/route";
import { regenerateDomainScimToken } from "@/lib/services/domains";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(regenerateDomainScimToken) });
