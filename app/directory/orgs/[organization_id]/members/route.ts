import { directoryRoute, directoryRoutes } from "@/lib/http/directory-route";
import { joinDirectoryOrganization, leaveDirectoryOrganization } from "@/lib/services/directory/members-join";
import { listDirectoryMembers } from "@/lib/services/directory/members";

export const { GET, POST, PUT, PATCH, DELETE } = directoryRoutes({
  GET: directoryRoute(listDirectoryMembers),
  PUT: directoryRoute(joinDirectoryOrganization),
  DELETE: directoryRoute(leaveDirectoryOrganization),
});
