/** Service accounts: an organization's machine callers, their client credentials, and the access tokens they get. */
export {
  createServiceAccount,
  deleteServiceAccount,
  listServiceAccounts,
  rotateServiceAccountSecret,
  updateServiceAccount,
} from "./manage";
export { createServiceAccountForOperator } from "./admin";
export { authenticateAccessToken } from "./caller";
export { clientCredentialsGrant } from "./client-credentials";
export { jwks, maintainSigningKeys } from "./signing-keys";
