/** `/oauth/token` in the OpenAPI document: the one OAuth endpoint, with RFC 6749's form body and error body. */
import { DIRECTORY_PERMISSIONS } from "../auth/directory-permissions";
import type { JsonSchema, PathItem, ResponseObject } from "./types";

const OAUTH_ERRORS = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "slow_down", "server_error"];

export const OAUTH_TOKEN_SCHEMAS: Record<string, JsonSchema> = {
  OAuthTokenRequest: {
    type: "object",
    required: ["grant_type"],
    properties: {
      grant_type: { type: "string", enum: ["client_credentials"] },
      scope: { type: "string", description: `Space-separated directory permissions, each one the service account holds: ${DIRECTORY_PERMISSIONS.join(", ")}. Without it, all of them.` },
      client_id: { type: "string", description: "With `client_secret`, when the client does not authenticate by HTTP Basic." },
      client_secret: { type: "string", description: "Never together with HTTP Basic." },
    },
  },
  OAuthTokenResponse: {
    type: "object",
    required: ["access_token", "token_type", "expires_in", "scope"],
    additionalProperties: false,
    properties: {
      access_token: { type: "string", description: "A JWT (RFC 9068, `typ: at+jwt`, ES256): `iss`, `sub` (the service account's id), `aud` (`<SITE_URL>/directory`), `client_id`, `iat`, `exp`, `jti`, `scope`, `organization_id`. Verify it with the keys at `/.well-known/jwks.json`." },
      token_type: { type: "string", enum: ["Bearer"] },
      expires_in: { type: "integer", minimum: 1, maximum: 3600 },
      scope: { type: "string", description: "The permissions granted, space-separated." },
    },
  },
  OAuthError: {
    type: "object",
    required: ["error", "error_description"],
    additionalProperties: false,
    properties: { error: { type: "string", enum: OAUTH_ERRORS }, error_description: { type: "string" } },
  },
};

const error = (description: string): ResponseObject => ({
  description,
  headers: { "Cache-Control": { description: "`no-store`.", schema: { type: "string" } } },
  content: { "application/json": { schema: { $ref: "#/components/schemas/OAuthError" } } },
});

export const OAUTH_TOKEN_PATH: PathItem = {
  post: {
    operationId: "oauth_token_create",
    tags: ["OAuth"],
    summary: "Get an access token for a service account (client credentials)",
    description:
      "RFC 6749 §4.4. The client authenticates with HTTP Basic (client id and secret, each form-urlencoded, RFC 6749 §2.3.1) or with `client_id` and `client_secret` in the form, not both. A token lives at most an hour and is refused at once when its account is disabled or deleted. Failed client authentication is limited per client id and per address (RATE_LIMIT_OAUTH_FAILURES_PER_MINUTE).",
    security: [{ ClientSecretBasic: [] }, {}],
    "x-required-scope": null,
    requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/OAuthTokenRequest" } } } },
    responses: {
      "200": {
        description: "OK",
        headers: { "Cache-Control": { description: "`no-store`.", schema: { type: "string" } } },
        content: { "application/json": { schema: { $ref: "#/components/schemas/OAuthTokenResponse" } } },
      },
      "400": error("`invalid_request`, `unauthorized_client` (the account is disabled), `unsupported_grant_type` or `invalid_scope`."),
      "401": {
        ...error("`invalid_client`: unknown client, wrong secret, or no client authentication."),
        headers: { "WWW-Authenticate": { description: "`Basic`.", schema: { type: "string" } } },
      },
      "405": error("`invalid_request`: only POST."),
      "413": error("`invalid_request`: the body is far larger than a token request."),
      "429": {
        ...error("`slow_down`: too many failed client authentications for this client or address."),
        headers: { "Retry-After": { description: "Seconds until the limit's window ends.", schema: { type: "integer" } } },
      },
    },
  },
};
