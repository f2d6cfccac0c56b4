import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { listDirectorySectors } from "@/lib/services/directory/sectors";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({ GET: directoryRoute(listDirectorySectors) });
