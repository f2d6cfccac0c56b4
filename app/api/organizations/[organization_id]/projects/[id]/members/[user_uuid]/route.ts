// Orgdeck's addition to the documented projects API: one person's access to a private project, for its admins.
import { route, routes } from "@/lib/http/route";
import { removeProjectMember, setProjectMember } from "@/lib/services/projects";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PUT: route(setProjectMember),
  DELETE: route(removeProjectMember, { status: 204 }),
});
