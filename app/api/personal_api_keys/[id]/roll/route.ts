import { route, routes } from "@/lib/http/route";
import { rollPersonalApiKey } from "@/lib/services/personal-api-keys";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(rollPersonalApiKey) });
