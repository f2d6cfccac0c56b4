import { route, routes } from "@/lib/http/route";
import { createPersonalApiKey, listPersonalApiKeys } from "@/lib/services/personal-api-keys";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listPersonalApiKeys),
  POST: route(createPersonalApiKey, { status: 201 }),
});
