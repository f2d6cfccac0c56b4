import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { deleteDirectoryOrganization, getDirectoryOrganization, updateDirectoryOrganization } from "@/lib/services/directory/orgs";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({
  GET: directoryRoute(getDirectoryOrganization),
  PUT: directoryRoute(updateDirectoryOrganization),
  DELETE: directoryRoute(deleteDirectoryOrganization),
});
