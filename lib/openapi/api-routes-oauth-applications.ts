/** The OpenAPI entries of an organization's registered OAuth applications. */
import {
  CreateOrganizationOAuthApplication,
  OrganizationOAuthApplication,
  OrganizationOAuthApplicationWithSecret,
  PaginatedOrganizationOAuthApplicationList,
  PatchedOrganizationOAuthApplication,
} from "../schemas/oauth-applications";
import {
  createOAuthApplication,
  deleteOAuthApplication,
  getOAuthApplication,
  listOAuthApplications,
  rotateOAuthApplicationSecret,
  updateOAuthApplication,
} from "../services/oauth-applications";
import { api, type ApiRoute } from "./api-route";

const ORG = "/api/organizations/{organization_id}";
const OAUTH_APPS = "OAuth applications";

export const OAUTH_APPLICATION_ROUTES: ApiRoute[] = [
  api("get", `${ORG}/oauth_applications/`, listOAuthApplications, PaginatedOrganizationOAuthApplicationList, {
    operationId: "oauth_applications_list", tag: OAUTH_APPS,
    summary: "List OAuth applications", description: "Any member: the organization's own applications, newest first.",
  }),
  api("post", `${ORG}/oauth_applications/`, createOAuthApplication, OrganizationOAuthApplicationWithSecret, {
    operationId: "oauth_applications_create", tag: OAUTH_APPS, status: 201, body: CreateOrganizationOAuthApplication,
    summary: "Register an OAuth application",
    description: "Administrators and owners. Redirect URIs are absolute, https (http only on localhost, 127.0.0.1 or [::1]) and without a fragment. `client_secret` is shown in this response only.",
  }),
  api("get", `${ORG}/oauth_applications/{id}/`, getOAuthApplication, OrganizationOAuthApplication, {
    operationId: "oauth_applications_retrieve", tag: OAUTH_APPS, summary: "An OAuth application",
  }),
  api("patch", `${ORG}/oauth_applications/{id}/`, updateOAuthApplication, OrganizationOAuthApplication, {
    operationId: "oauth_applications_partial_update", tag: OAUTH_APPS, body: PatchedOrganizationOAuthApplication,
    summary: "Rename an OAuth application or replace its redirect URIs", description: "Administrators and owners.",
  }),
  api("delete", `${ORG}/oauth_applications/{id}/`, deleteOAuthApplication, null, {
    operationId: "oauth_applications_destroy", tag: OAUTH_APPS, status: 204,
    summary: "Delete an OAuth application", description: "Administrators and owners; its client stops working at once.",
  }),
  api("post", `${ORG}/oauth_applications/{id}/rotate-secret/`, rotateOAuthApplicationSecret, OrganizationOAuthApplicationWithSecret, {
    operationId: "oauth_applications_rotate_secret_create", tag: OAUTH_APPS,
    summary: "Give an OAuth application a new client secret", description: "Administrators and owners. The old secret stops working at once; the new one is shown in this response only.",
  }),
];
