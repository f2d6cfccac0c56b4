import { route, routes } from "@/lib/http/route";
import { listWebhookDeliveries } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(listWebhookDeliveries) });
