import { route, routes } from "@/lib/http/route";
import { redeliverWebhook } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(redeliverWebhook) });
