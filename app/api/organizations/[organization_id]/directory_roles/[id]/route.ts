import { route, routes } from "@/lib/http/route";
import { deleteCustomDirectoryRole, getCustomDirectoryRole, updateCustomDirectoryRole } from "@/lib/services/directory/roles";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getCustomDirectoryRole),
  PATCH: route(updateCustomDirectoryRole),
  DELETE: route(deleteCustomDirectoryRole, { status: 204 }),
});
