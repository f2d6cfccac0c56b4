import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { createDirectoryOrganization } from "@/lib/services/directory/orgs";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({ POST: directoryRoute(createDirectoryOrganization) });
