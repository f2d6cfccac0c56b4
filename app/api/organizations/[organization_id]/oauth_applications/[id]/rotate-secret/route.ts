import { route, routes } from "@/lib/http/route";
import { rotateOAuthApplicationSecret } from "@/lib/services/oauth-applications";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(rotateOAuthApplicationSecret) });
