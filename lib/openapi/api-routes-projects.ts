/** The OpenAPI entries of an organization's projects and of who reaches the private ones. */
import { PaginatedProjectMemberList, ProjectMember, ProjectMemberGrant, ProjectMemberLevel } from "../schemas/project-members";
import { createProjectInput, PaginatedProjectBackwardCompatBasicList, PatchedProjectBackwardCompat, ProjectBackwardCompat } from "../schemas/projects";
import {
  createProject,
  deleteProject,
  getProject,
  listProjectMembers,
  listProjects,
  removeProjectMember,
  replaceProject,
  setProjectMember,
  updateProject,
} from "../services/projects";
import { api, type ApiRoute } from "./api-route";

const ORG = "/api/organizations/{organization_id}";
const PROJECTS = "Projects";
const PROJECT_RULES =
  "Project members change settings; the name, `access_control` and `secret_api_token_action` need a project admin (effective level 8 or more). A name another project of the organization has (any case) is 409.";
const PROJECT_ACCESS = "Orgdeck's addition: explicit access to a private project, granted and taken by its project admins.";

export const PROJECT_ROUTES: ApiRoute[] = [
  api("get", `${ORG}/projects/`, listProjects, PaginatedProjectBackwardCompatBasicList, {
    operationId: "organizations_projects_list", tag: PROJECTS,
    summary: "List projects", description: "The projects the caller reaches, by id: admins see all, members the public ones and the private ones they belong to. Projects being deleted are left out.",
  }),
  api("post", `${ORG}/projects/`, createProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_create", tag: PROJECTS, status: 201, body: createProjectInput, conflict: true,
    summary: "Create a project",
    description: "Admins, or members when the organization allows it. At most one demo project and ORGDECK_MAX_PROJECTS_PER_ORG others (403). The secret token is in this response only; the project becomes the caller's current one.",
  }),
  api("get", `${ORG}/projects/{id}/`, getProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_retrieve", tag: PROJECTS,
    summary: "Retrieve a project", description: "`@current` is the caller's current project while they reach it, else the first they reach. A project being deleted answers with `is_pending_deletion` true.",
  }),
  api("put", `${ORG}/projects/{id}/`, replaceProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_update", tag: PROJECTS, body: createProjectInput, conflict: true,
    summary: "Replace a project's settings", description: `Settings left out return to their defaults; refused (403) when the organization is at its project cap. ${PROJECT_RULES}`,
  }),
  api("patch", `${ORG}/projects/{id}/`, updateProject, ProjectBackwardCompat, {
    operationId: "organizations_projects_partial_update", tag: PROJECTS, body: PatchedProjectBackwardCompat, conflict: true,
    summary: "Change a project's settings",
    description: `Only the fields sent change; \`session_replay_config\`, \`modifiers\`, \`conversations_settings\`, \`survey_config\` and the analytics configs are merged into what is stored. ${PROJECT_RULES}`,
  }),
  api("delete", `${ORG}/projects/{id}/`, deleteProject, null, {
    operationId: "organizations_projects_destroy", tag: PROJECTS, status: 204,
    summary: "Delete a project", description: "Project admins. The project disappears at once and is removed in the background; deleting it again is 400.",
  }),
  api("get", `${ORG}/projects/{id}/members/`, listProjectMembers, PaginatedProjectMemberList, {
    operationId: "organizations_projects_members_list", tag: PROJECTS, summary: "List who has explicit access to a project", description: PROJECT_ACCESS,
  }),
  api("post", `${ORG}/projects/{id}/members/`, setProjectMember, ProjectMember, {
    operationId: "organizations_projects_members_create", tag: PROJECTS, status: 201, body: ProjectMemberGrant,
    summary: "Grant access to a private project", description: `${PROJECT_ACCESS} Nobody changes their own level.`,
  }),
  api("put", `${ORG}/projects/{id}/members/{user_uuid}/`, setProjectMember, ProjectMember, {
    operationId: "organizations_projects_members_update", tag: PROJECTS, body: ProjectMemberLevel,
    summary: "Set someone's level in a private project", description: `${PROJECT_ACCESS} Nobody changes their own level.`,
  }),
  api("delete", `${ORG}/projects/{id}/members/{user_uuid}/`, removeProjectMember, null, {
    operationId: "organizations_projects_members_destroy", tag: PROJECTS, status: 204,
    summary: "Take someone's access to a project away", description: `${PROJECT_ACCESS} Anyone may remove themselves.`,
  }),
];
