import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { z } from "zod";
import { sessionCookieName } from "../auth/cookies";
import { USER_CALLERS } from "../auth/principal";
import { env } from "../env";
import { operation } from "../services/operation";
import { createOrganization, deleteOrganization, getOrganization, listOrganizations } from "../services/organizations";
import { makeApiKey, makeOrganization, makeSession, makeUser } from "../testing/fixtures";
import { route } from "./route";

/** Requests reach the server on another host than SITE_URL's: links and origins must not care. */
const BASE = "http://127.0.0.1:4999";
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

/** A request; a body is sent as JSON unless the headers name another type. */
function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.body });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const cookie = (token: string) => ({ cookie: `other=1; ${sessionCookieName()}=${token}` });

const explode = operation({
  permission: "user:read",
  callers: USER_CALLERS,
  input: z.object({}),
  run: async () => {
    throw new Error("database password is hunter2");
  },
});

describe("route(): bodies and errors", () => {
  test("malformed JSON is 400 parse_error, before authentication", async () => {
    for (const headers of [{}, bearer((await makeApiKey(await makeUser())).value)]) {
      const res = await route(createOrganization)(request("/api/organizations/", { method: "POST", headers, body: "{not json" }), ctx());
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { type: "validation_error", code: "parse_error", detail: "Malformed JSON.", attr: null });
    }
  });

  test("a body that is not JSON is 415, and one over 1 MiB 413, before authentication", async () => {
    const post = (headers: Record<string, string>, body: string) => route(createOrganization)(request("/api/organizations/", { method: "POST", headers, body }), ctx());
    const plain = await post({ "content-type": "text/plain" }, '{"name": "x"}');
    assert.equal(plain.status, 415);
    assert.deepEqual(await plain.json(), { type: "invalid_request", code: "unsupported_media_type", detail: 'Unsupported media type "text/plain" in request.', attr: null });
    const big = await post({}, JSON.stringify({ name: "x", pad: "x".repeat(1024 * 1024) }));
    assert.equal(big.status, 413);
    assert.deepEqual(await big.json(), { type: "invalid_request", code: "request_too_large", detail: "Request body is larger than 1 MiB.", attr: null });
  });

  test("a DELETE ignores a JSON body of any type", async () => {
    const { org, owner } = await makeOrganization();
    const { value } = await makeApiKey(owner);
    const res = await route(deleteOrganization)(request(`/api/organizations/${org.id}/`, { method: "DELETE", headers: bearer(value), body: "[1, 2]" }), ctx({ organization_id: org.id }));
    assert.equal(res.status, 204);
  });

  test("a body of the wrong JSON type names the type received", async () => {
    const { value } = await makeApiKey(await makeUser());
    const res = await route(createOrganization)(request("/api/organizations/", { method: "POST", headers: bearer(value), body: "[1]" }), ctx());
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      type: "validation_error",
      code: "invalid_input",
      detail: "Invalid data. Expected a dictionary, but got list.",
      attr: null,
    });
  });

  test("an unexpected error is a bare 500 that reveals nothing", async () => {
    const { value } = await makeApiKey(await makeUser());
    const res = await route(explode)(request("/api/x/", { headers: bearer(value) }), ctx());
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.equal(text, '{"type":"server_error","code":"error","detail":"A server error occurred.","attr":null}');
    assert.ok(!text.includes("hunter2"));
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  });

  test("no credentials is 401 not_authenticated", async () => {
    const res = await route(listOrganizations)(request("/api/organizations/"), ctx());
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), {
      type: "authentication_error",
      code: "not_authenticated",
      detail: "Authentication credentials were not provided.",
      attr: null,
    });
  });

  test("a key in the body or the query string is found there, and named there when unknown", async () => {
    const { value } = await makeApiKey(await makeUser());
    const ok = await route(listOrganizations)(request(`/api/organizations/?personal_api_key=${value}`), ctx());
    assert.equal(ok.status, 200);
    const bad = `odk_${randomBytes(32).toString("base64url")}`;
    const inQuery = await route(listOrganizations)(request(`/api/organizations/?personal_api_key=${bad}`), ctx());
    assert.equal((await inQuery.json()).detail, "Personal API key found in request query string is invalid.");
    const inBody = await route(createOrganization)(
      request("/api/organizations/", { method: "POST", body: JSON.stringify({ name: "x", personal_api_key: bad }) }),
      ctx(),
    );
    assert.equal(inBody.status, 401);
    assert.equal((await inBody.json()).detail, "Personal API key found in request body is invalid.");
    const header = await route(listOrganizations)(request("/api/organizations/", { headers: bearer(bad) }), ctx());
    assert.equal((await header.json()).detail, "Personal API key found in request Authorization header is invalid.");
    const headerWins = await route(listOrganizations)(request(`/api/organizations/?personal_api_key=${bad}`, { headers: bearer(value) }), ctx());
    assert.equal(headerWins.status, 200);
  });

  test("status: the given one on success, 204 with no body for a null result", async () => {
    const { org, owner } = await makeOrganization();
    const { value } = await makeApiKey(owner);
    const created = await route(createOrganization, { status: 201 })(
      request("/api/organizations/", { method: "POST", headers: bearer(value), body: JSON.stringify({ name: "Made here" }) }),
      ctx(),
    );
    assert.equal(created.status, 201);
    assert.match(created.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    assert.equal((await created.json()).name, "Made here");
    const deleted = await route(deleteOrganization)(request(`/api/organizations/${org.id}/`, { method: "DELETE", headers: bearer(value) }), ctx({ organization_id: org.id }));
    assert.equal(deleted.status, 204);
    assert.equal(await deleted.text(), "");
    assert.match(deleted.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });
});

describe("route(): request ids and pagination links", () => {
  test("every response carries X-Request-Id; a well-formed incoming one is kept", async () => {
    const fresh = await route(listOrganizations)(request("/api/organizations/"), ctx());
    assert.match(fresh.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const kept = await route(listOrganizations)(request("/api/organizations/", { headers: { "x-request-id": "abc.123-XYZ" } }), ctx());
    assert.equal(kept.headers.get("x-request-id"), "abc.123-XYZ");
    const replaced = await route(listOrganizations)(request("/api/organizations/", { headers: { "x-request-id": "bad id<script>" } }), ctx());
    assert.notEqual(replaced.headers.get("x-request-id"), "bad id<script>");
    assert.match(replaced.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });

  test("next and previous are absolute URLs on SITE_URL", async () => {
    const user = await makeUser();
    const { value } = await makeApiKey(user);
    const create = route(createOrganization);
    for (let i = 0; i < 3; i++) {
      await create(request("/api/organizations/", { method: "POST", headers: bearer(value), body: JSON.stringify({ name: `P${i}` }) }), ctx());
    }
    const list = route(listOrganizations);
    const middle = await (await list(request("/api/organizations/?limit=1&offset=1", { headers: bearer(value) }), ctx())).json();
    assert.equal(middle.count, 3);
    assert.equal(middle.results.length, 1);
    assert.equal(middle.next, `${env().SITE_URL}/api/organizations/?limit=1&offset=2`);
    assert.equal(middle.previous, `${env().SITE_URL}/api/organizations/?limit=1`);
    const last = await (await list(request("/api/organizations/?limit=1&offset=2", { headers: bearer(value) }), ctx())).json();
    assert.equal(last.next, null);
    const first = await (await list(request("/api/organizations/?limit=2", { headers: bearer(value) }), ctx())).json();
    assert.equal(first.previous, null);
    assert.equal(first.next, `${env().SITE_URL}/api/organizations/?limit=2&offset=2`);
  });
});

describe("route(): cookie sessions and the origin check", () => {
  const post = (headers: Record<string, string>) =>
    route(createOrganization, { status: 201 })(
      request("/api/organizations/", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ name: "Cookie org" }) }),
      ctx(),
    );
  const CSRF = { type: "authentication_error", code: "csrf_failed", detail: "CSRF check failed: origin not allowed.", attr: null };

  test("a cookie write without a matching Origin or Referer is 403 csrf_failed", async () => {
    const { token } = await makeSession(await makeUser());
    const attempts: Array<Record<string, string>> = [{}, { origin: "http://evil.test" }, { origin: BASE }, { origin: "null" }, { referer: "http://evil.test/page" }];
    for (const extra of attempts) {
      const res = await post({ ...cookie(token), ...extra });
      assert.equal(res.status, 403, JSON.stringify(extra));
      assert.deepEqual(await res.json(), CSRF);
    }
  });

  test("a cookie write from SITE_URL's origin (Origin, else Referer) goes through", async () => {
    const { token } = await makeSession(await makeUser());
    assert.equal((await post({ ...cookie(token), origin: env().SITE_ORIGIN })).status, 201);
    assert.equal((await post({ ...cookie(token), referer: `${env().SITE_URL}/organizations/new` })).status, 201);
  });

  test("reads by cookie and writes by Bearer need no Origin", async () => {
    const user = await makeUser();
    const { token } = await makeSession(user);
    const read = await route(getOrganization)(request("/api/organizations/@current/", { headers: cookie(token) }), ctx({ organization_id: "@current" }));
    assert.equal(read.status, 404, "a user with no organization");
    const { value } = await makeApiKey(user);
    assert.equal((await post({ ...bearer(value), origin: "http://evil.test" })).status, 201);
    const list = await route(listOrganizations)(request("/api/organizations/", { headers: cookie(token) }), ctx());
    assert.equal((await list.json()).count, 1);
  });

  test("an unknown or expired session cookie is 401, not a CSRF error", async () => {
    const res = await post({ ...cookie("no-such-session") });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).code, "not_authenticated");
  });
});
