import { route, routes } from "@/lib/http/route";
import { deleteInvite } from "@/lib/services/invites";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ DELETE: route(deleteInvite, { status: 204 }) });
