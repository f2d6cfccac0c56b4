import { route, routes } from "@/lib/http/route";
import { assignDirectoryRole, listDirectoryRoleAssignments } from "@/lib/services/directory/roles-assignments";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listDirectoryRoleAssignments),
  POST: route(assignDirectoryRole, { status: 201 }),
});
