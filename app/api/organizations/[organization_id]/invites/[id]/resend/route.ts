import { route, routes } from "@/lib/http/route";
import { resendInvite } from "@/lib/services/invites";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(resendInvite) });
