import { route, routes } from "@/lib/http/route";
import { createInvite, listInvites } from "@/lib/services/invites";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listInvites),
  POST: route(createInvite, { status: 201 }),
});
