/** The OpenAPI entries of an organization's service accounts. */
import { CreateServiceAccount, PaginatedServiceAccountList, PatchedServiceAccount, ServiceAccount, ServiceAccountWithSecret } from "../schemas/service-accounts";
import { createServiceAccount, deleteServiceAccount, listServiceAccounts, rotateServiceAccountSecret, updateServiceAccount } from "../services/service-accounts";
import { api, type ApiRoute } from "./api-route";

const ORG = "/api/organizations/{organization_id}";
const TAG = "Service accounts";
const GRANTS = "Administrators and owners; nobody grants a directory permission their own role lacks (400 on `permissions`).";

export const SERVICE_ACCOUNT_ROUTES: ApiRoute[] = [
  api("get", `${ORG}/service_accounts/`, listServiceAccounts, PaginatedServiceAccountList, {
    operationId: "service_accounts_list", tag: TAG,
    summary: "List service accounts", description: "Administrators and owners; newest first.",
  }),
  api("post", `${ORG}/service_accounts/`, createServiceAccount, ServiceAccountWithSecret, {
    operationId: "service_accounts_create", tag: TAG, status: 201, body: CreateServiceAccount,
    summary: "Create a service account", description: `${GRANTS} \`client_secret\` is shown in this response only; trade it for an access token at \`POST /oauth/token\`.`,
  }),
  api("patch", `${ORG}/service_accounts/{id}/`, updateServiceAccount, ServiceAccount, {
    operationId: "service_accounts_partial_update", tag: TAG, body: PatchedServiceAccount,
    summary: "Rename, re-permission or disable a service account", description: `${GRANTS} \`is_active: false\` refuses its tokens at once.`,
  }),
  api("delete", `${ORG}/service_accounts/{id}/`, deleteServiceAccount, null, {
    operationId: "service_accounts_destroy", tag: TAG, status: 204,
    summary: "Delete a service account", description: "Administrators and owners; its tokens are refused at once.",
  }),
  api("post", `${ORG}/service_accounts/{id}/rotate/`, rotateServiceAccountSecret, ServiceAccountWithSecret, {
    operationId: "service_accounts_rotate_create", tag: TAG,
    summary: "Give a service account a new client secret",
    description: "Administrators and owners. The new secret is shown in this response only; the previous one keeps working for ORGDECK_SERVICE_ACCOUNT_SECRET_OVERLAP seconds (a day by default), then stops.",
  }),
];
