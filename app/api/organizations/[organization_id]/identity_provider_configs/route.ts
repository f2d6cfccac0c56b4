import { route, routes } from "@/lib/http/route";
import { createIdentityProviderConfig, listIdentityProviderConfigs } from "@/lib/services/identity-provider-configs";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listIdentityProviderConfigs),
  POST: route(createIdentityProviderConfig, { status: 201 }),
});
