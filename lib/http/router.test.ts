import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { z } from "zod";
import type { Principal } from "../auth/principal";
import { USER_CALLERS } from "../auth/principal";
import { generateScimToken } from "../auth/tokens";
import { AppError, permissionDenied, statusOf } from "../errors";
import { operation } from "../services/operation";
import { Page } from "../services/page";
import { FileResult, NO_CONTENT, Redirect } from "../services/results";
import { makeApiKey, makeOrganization, makeUser } from "../testing/fixtures";
import type { Family } from "./family";
import { route } from "./route";
import { createRouter } from "./router";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1:4999${path}`, { headers });

/**
 * A protocol family unlike `/api` in every respect a later one will be (SCIM's media type, string statuses and list
 * envelope): authenticated by a header naming an organization, errors as `{status, scimType, detail}`.
 */
const testFamily: Family = {
  async readBody() {
    return undefined;
  },
  async authenticate(_db, { req }): Promise<Principal | null> {
    const org = req.headers.get("x-test-organization");
    if (!org) return null;
    return { kind: "scim", user: null, organizationId: org, target: { kind: "domain", id: randomUUID() }, label: "test" };
  },
  value(status, body, requestId) {
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/scim+json", "x-request-id": requestId },
    });
  },
  list(page) {
    return { totalResults: page.count, startIndex: page.pagination.offset + 1, Resources: page.results };
  },
  error(err, requestId) {
    const status = err instanceof AppError ? statusOf(err.key) : 500;
    const detail = err instanceof AppError ? err.detail : "internal";
    return this.value(status, { status: String(status), scimType: err instanceof AppError ? err.key : null, detail }, requestId);
  },
};

const scimRouter = createRouter(testFamily);

const listThings = operation({
  permission: "organization_member:read",
  callers: ["scim"],
  input: z.object({ limit: z.coerce.number().default(2), offset: z.coerce.number().default(0) }),
  run: async (c, input) => new Page([{ org: c.organization.id }], 7, { limit: input.limit, offset: input.offset }),
});
const refuse = operation({
  permission: "organization_member:read",
  callers: ["scim"],
  input: z.object({}),
  run: async () => {
    throw permissionDenied("nope");
  },
});

describe("createRouter: a family other than /api", () => {
  test("authenticates, encodes lists and errors its own way, and runs the same pipeline", async () => {
    const { org } = await makeOrganization();
    const ok = await scimRouter.route(listThings)(get("/scim/x", { "x-test-organization": org.id }), ctx());
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("content-type"), "application/scim+json");
    assert.deepEqual(await ok.json(), { totalResults: 7, startIndex: 1, Resources: [{ org: org.id }] });

    const refused = await scimRouter.route(refuse)(get("/scim/x", { "x-test-organization": org.id }), ctx());
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { status: "403", scimType: "permission_denied", detail: "nope" });

    const anonymous = await scimRouter.route(listThings)(get("/scim/x"), ctx());
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).scimType, "not_authenticated");

    const missing = await scimRouter.unknownPath(get("/scim/nowhere"), ctx());
    assert.deepEqual([missing.status, (await missing.json()).scimType], [404, "not_found"]);
  });

  test("a bound caller cannot reach another organization through the path", async () => {
    const { org } = await makeOrganization();
    const other = await makeOrganization();
    const res = await scimRouter.route(listThings)(get("/scim/x", { "x-test-organization": org.id }), ctx({ organization_id: other.org.id }));
    assert.equal(res.status, 404);
  });
});

describe("route(): result kinds", () => {
  const redirect = operation({ permission: "user:read", callers: USER_CALLERS, input: z.object({}), run: async () => new Redirect("https://files.example.test/x?sig=1") });
  const file = operation({
    permission: "user:read",
    callers: USER_CALLERS,
    input: z.object({}),
    run: async () => new FileResult("name,email\nŁukasz,l@example.test\n", "text/csv; charset=utf-8", "members – 2031.csv"),
  });
  const nothing = operation({ permission: "user:read", callers: USER_CALLERS, input: z.object({}), run: async () => NO_CONTENT });

  test("a redirect is a 302 with Location; a file streams with its type and disposition; no content is 204", async () => {
    const headers = { authorization: `Bearer ${(await makeApiKey(await makeUser())).value}` };
    const r = await route(redirect)(get("/api/x/", headers), ctx());
    assert.deepEqual([r.status, r.headers.get("location"), r.headers.get("cache-control")], [302, "https://files.example.test/x?sig=1", "no-store"]);
    const f = await route(file)(get("/api/x/", headers), ctx());
    assert.equal(f.status, 200);
    assert.equal(f.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(f.headers.get("content-disposition"), "attachment; filename=\"members _ 2031.csv\"; filename*=UTF-8''members%20%E2%80%93%202031.csv");
    assert.equal(await f.text(), "name,email\nŁukasz,l@example.test\n");
    const n = await route(nothing)(get("/api/x/", headers), ctx());
    assert.deepEqual([n.status, await n.text()], [204, ""]);
  });

  test("on /api, a bearer token of another shape is refused as an invalid personal API key", async () => {
    const res = await route(nothing)(get("/api/x/", { authorization: `Bearer ${generateScimToken()}` }), ctx());
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), {
      type: "authentication_error",
      code: "authentication_failed",
      detail: "Personal API key found in request Authorization header is invalid.",
      attr: null,
    });
  });
});
