import { route, routes } from "@/lib/http/route";
import { delegateInvite } from "@/lib/services/invites";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(delegateInvite, { status: 201 }) });
