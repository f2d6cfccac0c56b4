import { route, routes } from "@/lib/http/route";
import { verifyDomain } from "@/lib/services/domains";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(verifyDomain) });
