import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { addDirectoryMember, removeDirectoryMember } from "@/lib/services/directory/members";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({
  PUT: directoryRoute(addDirectoryMember),
  DELETE: directoryRoute(removeDirectoryMember),
});
