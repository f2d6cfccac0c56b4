import { route, routes } from "@/lib/http/route";
import { rotateServiceAccountSecret } from "@/lib/services/service-accounts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(rotateServiceAccountSecret) });
