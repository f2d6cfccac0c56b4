import { route, routes } from "@/lib/http/route";
import { unassignDirectoryRole } from "@/lib/services/directory/roles-assignments";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ DELETE: route(unassignDirectoryRole, { status: 204 }) });
