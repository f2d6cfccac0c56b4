import { route, routes } from "@/lib/http/route";
import { sendTestEvent } from "@/lib/services/integrations";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(sendTestEvent, { status: 201 }) });
