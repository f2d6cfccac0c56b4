import { route, routes } from "@/lib/http/route";
import { createProject, listProjects } from "@/lib/services/projects";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listProjects),
  POST: route(createProject, { status: 201 }),
});
