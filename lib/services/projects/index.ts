/** The project operations: one import for routes, actions and the console. */
export { createProject } from "./create";
export { deleteProject } from "./delete";
export { listProjectMembers, removeProjectMember, setProjectMember } from "./members";
export { getProject, listProjects } from "./read";
export { replaceProject, updateProject } from "./update";
