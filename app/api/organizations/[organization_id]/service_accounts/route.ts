import { route, routes } from "@/lib/http/route";
import { createServiceAccount, listServiceAccounts } from "@/lib/services/service-accounts";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listServiceAccounts),
  POST: route(createServiceAccount, { status: 201 }),
});
