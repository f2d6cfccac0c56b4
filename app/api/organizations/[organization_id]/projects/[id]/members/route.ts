// Orgdeck's addition to the documented projects API: who has explicit access to a private project.
import { route, routes } from "@/lib/http/route";
import { listProjectMembers, setProjectMember } from "@/lib/services/projects";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listProjectMembers),
  POST: route(setProjectMember, { status: 201 }),
});
