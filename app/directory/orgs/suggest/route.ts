import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { suggestDirectoryOrganizations } from "@/lib/services/directory/orgs-discovery";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({ GET: directoryRoute(suggestDirectoryOrganizations) });
