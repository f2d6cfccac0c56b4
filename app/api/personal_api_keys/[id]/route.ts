import { route, routes } from "@/lib/http/route";
import { deletePersonalApiKey, getPersonalApiKey, updatePersonalApiKey } from "@/lib/services/personal-api-keys";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getPersonalApiKey),
  PATCH: route(updatePersonalApiKey),
  DELETE: route(deletePersonalApiKey, { status: 204 }),
});
