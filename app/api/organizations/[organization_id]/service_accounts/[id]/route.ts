import { route, routes } from "@/lib/http/route";
import { deleteServiceAccount, updateServiceAccount } from "@/lib/services/service-accounts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PATCH: route(updateServiceAccount),
  DELETE: route(deleteServiceAccount, { status: 204 }),
});
