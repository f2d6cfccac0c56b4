import { route, routes } from "@/lib/http/route";
import { removeMember, updateMember } from "@/lib/services/members";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PATCH: route(updateMember),
  PUT: route(updateMember),
  DELETE: route(removeMember, { status: 204 }),
});
