import { route, routes } from "@/lib/http/route";
import { createOAuthApplication, listOAuthApplications } from "@/lib/services/oauth-applications";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listOAuthApplications),
  POST: route(createOAuthApplication, { status: 201 }),
});
