import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { getDirectoryPermissions } from "@/lib/services/directory/permissions";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({ GET: directoryRoute(getDirectoryPermissions) });
