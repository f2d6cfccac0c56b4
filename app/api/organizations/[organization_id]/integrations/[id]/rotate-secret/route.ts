import { route, routes } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(rotateWebhookSecret) });
