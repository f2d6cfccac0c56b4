import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { listDirectoryApiRoles } from "@/lib/services/directory/roles";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({ GET: directoryRoute(listDirectoryApiRoles) });
