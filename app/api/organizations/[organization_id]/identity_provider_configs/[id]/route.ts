import { route, routes } from "@/lib/http/route";
import { deleteIdentityProviderConfig, getIdentityProviderConfig, updateIdentityProviderConfig } from "@/lib/services/identity-provider-configs";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getIdentityProviderConfig),
  PATCH: route(updateIdentityProviderConfig),
  PUT: route(updateIdentityProviderConfig),
  DELETE: route(deleteIdentityProviderConfig, { status: 204 }),
});
