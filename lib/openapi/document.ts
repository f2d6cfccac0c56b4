import { DetailOnlyError, ErrorResponse } from "../schemas/errors";
import { requiredScope } from "../services/operation";
import type { ApiRoute } from "./api-route";
import { API_ROUTES } from "./api-routes";
import { SchemaComponents } from "./json-schema";
import { OAUTH_TOKEN_PATH, OAUTH_TOKEN_SCHEMAS } from "./oauth-token-path";
import type { JsonSchema, OpenApiDocument, OperationObject, Parameter, PathItem, ResponseObject } from "./types";

const PATH_PARAMETERS: Record<string, string> = {
  organization_id: "An organization's UUID, or `@current` for the caller's current organization.",
  user__uuid: "The member's user UUID (not the membership id), or `@me` for the caller.",
  user_id: "`@me`, or the caller's own UUID.",
  user_uuid: "A user's UUID.",
  id: "The object's UUID.",
  subject_id: "A user's UUID (their subject id in the directory API).",
  assignment_id: "The assignment's UUID.",
};

const TAGS = [
  { name: "Organizations", description: "Organizations the caller belongs to, and their settings." },
  { name: "Members", description: "Who belongs to an organization, and at which level: 1 member, 8 administrator, 15 owner." },
  { name: "Invites", description: "Invitations to join an organization; they expire after 3 days." },
  { name: "Activity log", description: "An organization's audit trail." },
  { name: "Outbox", description: "The emails an organization's actions sent or would have sent." },
  { name: "Domains", description: "Domains an organization proves by DNS, and the single sign-on, SCIM and JIT settings for people of each." },
  { name: "OAuth applications", description: "OAuth clients an organization registers: redirect URIs and a client secret shown once." },
  { name: "Service accounts", description: "An organization's machine callers of the directory API: a client id, a secret shown once, and directory permissions." },
  { name: "Directory", description: "The directory API: an organization's members, roles and permissions for users and service accounts, by `org.directory.*` permissions." },
  { name: "Directory roles", description: "Custom roles an organization's admins define for the directory API: a name, directory permissions, and who holds them." },
  { name: "OAuth", description: "Access tokens for service accounts (client credentials); keys at `/.well-known/jwks.json`, metadata at `/.well-known/oauth-authorization-server`." },
  { name: "Integrations", description: "Outgoing webhooks that receive the organization's activity, signed in the Standard Webhooks format." },
  { name: "Legal documents", description: "An organization's DPA and BAA: generated, sent for e-signature, and downloadable once signed." },
  { name: "Batch exports", description: "The organization's activity log, members or sessions delivered on a schedule to S3, PostgreSQL or HTTP." },
  { name: "Personal API keys", description: "The caller's own keys for this API." },
  { name: "Projects", description: "An organization's projects, their settings, and who reaches the private ones." },
  { name: "Users", description: "The signed-in person." },
  { name: "Directory", description: "The directory API (`/directory`): organizations, members and roles for people and service accounts, with `org.directory.*` permissions." },
  { name: "Schema", description: "This document." },
];

const DESCRIPTION = [
  "Every path answers with or without its trailing slash.",
  "Lists are paginated with `limit` (default 100, at most 1,000) and `offset`, and answer `{count, next, previous, results}`.",
  "Every error answers `{type, code, detail, attr}` with the first problem found.",
  "Call with a personal API key (`Authorization: Bearer odk_…`) holding the operation's scope, or with the console's session cookie.",
].join(" ");

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 204: "No content", 302: "Found" };

const ERROR_REF = { $ref: "#/components/schemas/ErrorResponse" };
const errorResponse = (description: string): ResponseObject => ({ description, content: { "application/json": { schema: ERROR_REF } } });

/** A 400 that is either the usual error body or, in the case described, `{"detail": …}` alone. */
const detailOnly400 = (when: string): ResponseObject => ({
  description: `The input is not valid; ${when} the body is \`{"detail": …}\` alone.`,
  content: { "application/json": { schema: { oneOf: [ERROR_REF, { $ref: "#/components/schemas/DetailOnlyError" }] } } },
});

const ERROR_RESPONSES: Record<string, ResponseObject> = {
  ValidationError: errorResponse("The input is not valid: the first problem, with the field as `attr`."),
  Unauthorized: {
    ...errorResponse("No credentials, or credentials that are not valid."),
    headers: { "WWW-Authenticate": { description: "How to authenticate.", schema: { type: "string" } } },
  },
  Forbidden: errorResponse("Not allowed: a key without the scope, not a member, a level too low, or a rule of the operation."),
  NotFound: errorResponse("The organization or the object does not exist here."),
  Conflict: errorResponse("The object would clash with another (a name already taken)."),
  RequestTooLarge: errorResponse("The request body is larger than 1 MiB."),
  UnsupportedMediaType: errorResponse("The request has a body that is not JSON (`application/json` or a `+json` type)."),
  ServiceUnavailable: errorResponse("An outside system (the e-signature provider) did not do what was asked; nothing was changed, try again."),
  Throttled: {
    ...errorResponse("Over an abuse limit (e.g. RATE_LIMIT_INVITES_PER_HOUR); try again when the window ends."),
    headers: { "Retry-After": { description: "Seconds until the limit's window ends.", schema: { type: "integer" } } },
  },
};

const SECURITY_SCHEMES = {
  PersonalAPIKeyAuth: {
    type: "http",
    scheme: "bearer",
    description: "A personal API key (`odk_…`). It must hold the operation's scope (`x-required-scope`); `*` holds every scope.",
  },
  CookieAuth: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The console's session (`__Secure-authjs.session-token` over https). Unsafe methods must come from the site's own origin.",
  },
  ServiceAccountToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A service account's access token from `POST /oauth/token`, for the directory API; it must carry the operation's permission (`x-directory-permission`).",
  },
  ClientSecretBasic: {
    type: "http",
    scheme: "basic",
    description: "A service account's client id and secret, at `/oauth/token` only.",
  },
};

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The properties of an object schema without the path's ids, which travel in the path. */
function withoutPathIds(schema: JsonSchema, ids: string[]): JsonSchema {
  if (schema.type !== "object" || !schema.properties) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !ids.includes(name)));
  const required = schema.required?.filter((name) => !ids.includes(name));
  return { ...schema, properties, ...(required?.length ? { required } : { required: undefined }) };
}

/** A file download: its media types as text bodies, and the header that names the file. */
function downloadResponse(download: NonNullable<ApiRoute["download"]>): ResponseObject {
  return {
    description: download.description,
    headers: { "Content-Disposition": { description: "`attachment`, with the file's name.", schema: { type: "string" } } },
    content: Object.fromEntries(download.mediaTypes.map((type) => [type, { schema: { type: "string" } }])),
  };
}

const isEmptyObject = (schema: JsonSchema) => schema.type === "object" && Object.keys(schema.properties ?? {}).length === 0;

function operationObject(route: ApiRoute, components: SchemaComponents): OperationObject {
  const scope = requiredScope(route.operation);
  const ids = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const input = components.resolve(components.convert(route.operation.input, "input"));
  const pathParameters: Parameter[] = ids.map((name) => ({
    name,
    in: "path",
    required: true,
    description: ((input.properties?.[name] as JsonSchema | undefined)?.description as string | undefined) ?? PATH_PARAMETERS[name],
    schema: (input.properties?.[name] as JsonSchema | undefined) ?? { type: "string" },
  }));
  const hasBody = route.method !== "get" && route.method !== "delete";
  const query = (hasBody ? {} : (withoutPathIds(input, ids).properties ?? {})) as Record<string, JsonSchema>;
  const queryParameters: Parameter[] = Object.entries(query).map(([name, schema]) => ({
    name,
    in: "query",
    required: input.required?.includes(name) ?? false,
    ...(schema.description && { description: schema.description }),
    schema,
  }));
  const body = hasBody ? withoutPathIds(components.convert(route.body ?? route.operation.input, "input"), ids) : null;
  const bodyRequired = body !== null && (body.type === "array" || (components.resolve(body).required?.length ?? 0) > 0);
  const success: ResponseObject = route.download
    ? downloadResponse(route.download)
    : route.redirect
      ? { description: route.redirect, headers: { Location: { description: route.redirect, schema: { type: "string", format: "uri" } } } }
      : route.response
        ? { description: STATUS_TEXT[route.status], content: { "application/json": { schema: components.convert(route.response, "output") } } }
        : { description: STATUS_TEXT[route.status] };
  const parameters = [...pathParameters, ...queryParameters];
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description && { description: route.description }),
    security: [
      ...(scope ? [{ PersonalAPIKeyAuth: [scope] }] : []),
      { CookieAuth: [] },
      ...(route.operation.directory && (route.operation.callers as readonly string[]).includes("service_account") ? [{ ServiceAccountToken: [route.operation.directory] }] : []),
    ],
    "x-required-scope": scope,
    ...(route.operation.directory && { "x-directory-permission": route.operation.directory }),
    ...(parameters.length > 0 && { parameters }),
    ...(body && !isEmptyObject(body) && { requestBody: { required: bodyRequired, content: { "application/json": { schema: body } } } }),
    responses: {
      [String(route.status)]: success,
      // Any body can be malformed JSON, so every method that reads one can answer 400, as can any query.
      ...((route.method !== "get" || queryParameters.length > 0) && { "400": route.detailOnly400 ? detailOnly400(route.detailOnly400) : ref("ValidationError") }),
      "401": ref("Unauthorized"),
      "403": ref("Forbidden"),
      ...(ids.length > 0 && { "404": ref("NotFound") }),
      ...(route.bodyless4xx && { "400": { description: "The request names no destination type (empty body)." }, "404": { ...errorResponse("No such destination type (an empty body), or no such organization (the error body)."), "x-empty-body": true } }),
      // Every method but GET reads a body, even one it then ignores: over 1 MiB, or not JSON, is refused first.
      ...(route.method !== "get" && { "413": ref("RequestTooLarge"), "415": ref("UnsupportedMediaType") }),
      ...(route.conflict && { "409": ref("Conflict") }),
      ...(route.throttled && { "429": ref("Throttled") }),
      ...(route.unavailable && { "503": ref("ServiceUnavailable") }),
    },
  };
}

const SCHEMA_PATH: PathItem = {
  get: {
    operationId: "schema_retrieve",
    tags: ["Schema"],
    summary: "This OpenAPI document",
    description: "Public: no credentials needed.",
    security: [],
    "x-required-scope": null,
    responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object", description: "An OpenAPI 3.1 document." } } } } },
  },
};

/** The OpenAPI 3.1 document of the REST API, generated from the operations' declarations and their schemas. */
export function buildDocument(routes: readonly ApiRoute[] = API_ROUTES): OpenApiDocument {
  const components = new SchemaComponents();
  components.convert(ErrorResponse, "output");
  components.convert(DetailOnlyError, "output");
  const paths: Record<string, PathItem> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is declared twice`);
    item[route.method] = operationObject(route, components);
  }
  paths["/api/schema/"] = SCHEMA_PATH;
  paths["/oauth/token"] = OAUTH_TOKEN_PATH;
  return {
    openapi: "3.1.0",
    info: { title: "Orgdeck API", version: "1", description: DESCRIPTION },
    tags: TAGS,
    paths,
    components: { schemas: { ...components.schemas, ...OAUTH_TOKEN_SCHEMAS }, responses: ERROR_RESPONSES, securitySchemes: SECURITY_SCHEMES },
  };
}

let cached: OpenApiDocument | undefined;

/** The document, generated on first use and kept for the life of the process. */
export function apiDocument(): OpenApiDocument {
  return (cached ??= buildDocument());
}
