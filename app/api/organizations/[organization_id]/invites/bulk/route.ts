import { route, routes } from "@/lib/http/route";
import { bulkCreateInvites } from "@/lib/services/invites";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(bulkCreateInvites, { status: 201 }) });
