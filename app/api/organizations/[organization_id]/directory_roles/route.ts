import { route, routes } from "@/lib/http/route";
import { createCustomDirectoryRole, listCustomDirectoryRoles } from "@/lib/services/directory/roles";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listCustomDirectoryRoles),
  POST: route(createCustomDirectoryRole, { status: 201 }),
});
