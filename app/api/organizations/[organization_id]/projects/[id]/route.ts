import { route, routes } from "@/lib/http/route";
import { deleteProject, getProject, replaceProject, updateProject } from "@/lib/services/projects";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getProject),
  PATCH: route(updateProject),
  PUT: route(replaceProject),
  DELETE: route(deleteProject, { status: 204 }),
});
