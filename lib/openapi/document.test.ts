import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compileErrors, validate } from "@readme/openapi-parser";
import { z } from "zod";
import { AppError } from "../errors";
import { ErrorResponse } from "../schemas/errors";
import { requiredScope } from "../services/operation";
import { API_ROUTES } from "./api-routes";
import { apiDocument, buildDocument } from "./document";
import { serveApiDocument } from "./serve";
import type { OperationObject, Parameter } from "./types";

const doc = apiDocument();
const byId = new Map<string, OperationObject>(
  Object.values(doc.paths).flatMap((item) => Object.values(item).map((op): [string, OperationObject] => [op.operationId, op])),
);
const operation = (id: string) => byId.get(id) ?? assert.fail(`no operation ${id}`);
const parameter = (id: string, name: string) => operation(id).parameters?.find((p) => p.name === name) as Parameter;
const bodySchema = (id: string) => operation(id).requestBody?.content["application/json"].schema;

describe("the OpenAPI document", () => {
  test("is valid OpenAPI 3.1", async () => {
    // The parser resolves references in place: give it a copy.
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? "" : compileErrors(result));
    assert.equal(doc.openapi, "3.1.0");
  });

  test("is generated once per process and served as JSON to anyone", async () => {
    assert.equal(apiDocument(), doc);
    const res = await serveApiDocument();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.deepEqual(await res.json(), JSON.parse(JSON.stringify(doc)));
  });

  test("every operation states its required scope, as a security requirement too, and its error responses", () => {
    for (const route of API_ROUTES) {
      const op = doc.paths[route.path][route.method] as OperationObject;
      const scope = requiredScope(route.operation);
      assert.equal(op["x-required-scope"], scope, route.operationId);
      const machine = route.operation.directory && route.operation.callers.includes("service_account") ? [{ ServiceAccountToken: [route.operation.directory] }] : [];
      assert.deepEqual(op.security, [...(scope ? [{ PersonalAPIKeyAuth: [scope] }] : []), { CookieAuth: [] }, ...machine]);
      for (const status of ["401", "403"]) assert.ok(op.responses[status], `${route.operationId} ${status}`);
      assert.equal(Boolean(op.responses["404"]), route.path.includes("{"), `${route.operationId} 404`);
      const success = op.responses[String(route.status)];
      // No content: 204, the directory API's empty 200, and a redirect, whose Location header is its answer.
      const empty = route.status === 204 || route.status === 302 || (route.path.startsWith("/directory/") && route.response === null);
      assert.equal("content" in success, !empty, `${route.operationId} ${route.status}`);
    }
    // Beside the registry: the schema itself and the OAuth token endpoint.
    assert.equal(byId.size, API_ROUTES.length + 2, "operationIds are unique");
    assert.deepEqual(operation("schema_retrieve").security, []);
  });

  test("uses PostHog's operationIds and component names; lists answer Paginated…List", () => {
    const ids = ["invites_list", "invites_create", "invites_destroy", "invites_bulk_create", "invites_delegate_create", "members_list"];
    ids.push("members_update", "members_partial_update", "members_destroy", "members_github_login_retrieve", "members_scoped_api_keys_retrieve");
    for (const id of ids) operation(id);
    const names = ["OrganizationInvite", "PaginatedOrganizationInviteList", "OrganizationInviteDelegate", "OrganizationMembershipLevelEnum"];
    names.push("UserBasic", "RoleAtOrganizationEnum", "OrganizationMember", "PatchedOrganizationMember", "PaginatedOrganizationMemberList");
    names.push("OrganizationMemberGithubLogin", "ErrorResponse");
    for (const name of names) assert.ok(doc.components.schemas[name], name);
    for (const op of byId.values()) {
      if (!op.operationId.endsWith("_list")) continue;
      const schema = (op.responses["200"] as unknown as { content: { "application/json": { schema: { $ref: string } } } }).content["application/json"].schema;
      assert.match(schema.$ref, /^#\/components\/schemas\/Paginated\w+List$/, op.operationId);
    }
    assert.deepEqual(doc.components.schemas.OrganizationMembershipLevelEnum.enum, [1, 8, 15]);
  });

  test("path ids are path parameters; queries and bodies come from the operation's input", () => {
    assert.deepEqual(
      operation("members_partial_update").parameters?.map((p) => [p.name, p.in, p.required]),
      [["organization_id", "path", true], ["user__uuid", "path", true]],
    );
    assert.deepEqual(bodySchema("members_partial_update"), { $ref: "#/components/schemas/PatchedOrganizationMember" });
    assert.deepEqual(bodySchema("invites_delegate_create"), { $ref: "#/components/schemas/OrganizationInviteDelegate" });
    assert.deepEqual(parameter("members_list", "limit").schema, { type: "integer", minimum: 1, default: 100, description: "Results per page (at most 1,000)." });
    assert.equal(parameter("members_list", "search").in, "query");
    const create = bodySchema("invites_create");
    assert.deepEqual(create?.required, ["target_email"]);
    assert.equal(operation("invites_create").requestBody?.required, true);
    assert.equal(bodySchema("users_partial_update")?.properties?.user_id, undefined, "path ids stay out of the body");
    assert.equal(operation("personal_api_keys_roll_create").requestBody, undefined, "no body when the input is the path alone");
    assert.equal(bodySchema("invites_bulk_create")?.maxItems, 20);
  });

  test("the activity log export is a file download in CSV or JSON Lines, with the list's filters and a format", () => {
    const op = operation("activity_log_export");
    const ok = op.responses["200"] as { content: Record<string, unknown>; headers: Record<string, unknown> };
    assert.deepEqual(Object.keys(ok.content), ["text/csv", "application/x-ndjson"]);
    assert.ok(ok.headers["Content-Disposition"]);
    assert.equal(op["x-required-scope"], "activity_log:read");
    const names = op.parameters?.map((p) => p.name);
    for (const name of ["scope", "activity", "item_id", "user", "after", "before", "format"]) assert.ok(names?.includes(name), name);
    assert.ok(!names?.includes("limit"));
  });

  test("the error body schema is the one lib/errors writes", () => {
    const bodies: ErrorResponse[] = [new AppError("not_found").body, new AppError("required", { attr: "name" }).body];
    for (const body of bodies) assert.ok(ErrorResponse.safeParse(body).success);
  });

  test("a name given to two different shapes is refused, and so is a path and method declared twice", () => {
    const [first] = API_ROUTES;
    assert.throws(() => buildDocument([first, first]), /declared twice/);
    const clash = { ...first, method: "post" as const, body: z.object({ a: z.string() }).meta({ id: "ErrorResponse" }) };
    assert.throws(() => buildDocument([clash]), /ErrorResponse differs/);
  });
});
