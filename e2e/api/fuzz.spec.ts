import { expect, test, type APIRequestContext } from "./recording";
import type { JsonSchema, OpenApiDocument, Parameter } from "../../lib/openapi/types";
import { bearer, makeKey, makeKeyWithId, makeUser } from "../support/cli";
import { createOrgViaApi, expectOk } from "./helpers";

/**
 * Malformed requests over every operation of the OpenAPI document, from a fixed seed (FUZZ_SEED overrides it): none may
 * answer 5xx, and none that is refused (4xx) may change anything. Endpoints join by being in the document.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const BUDGET = Number(process.env.FUZZ_BUDGET ?? 2000);
const CHECK_EVERY = 100;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

type Op = { method: string; path: string; pathParams: string[]; query: Parameter[]; body: JsonSchema | null };
type Fuzzed = { method: string; url: string; headers: Record<string, string>; data?: Buffer; kind: string };

const deep = (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`;
/** Stands for a value nested 5,000 lists deep, spliced into the JSON text (the test's own JSON.stringify would overflow). */
const DEEP = "\u0001deep\u0001";
const DEEP_JSON = deep(5000);
const serialize = (value: unknown) => JSON.stringify(value).split(JSON.stringify(DEEP)).join(DEEP_JSON);
const BAD_PATH_IDS = ["%C0%AF", "%ZZ", "%", "%E0%A4%A", "%FF%FE", "%00", "a%00b", "x".repeat(3000), "00000000-0000-4000-8000-000000000000", "-1", "null", "%F0%9F%98%80", "%20"];
const BAD_QUERY_VALUES = ["%00", "a%00b", "%ZZ", "%", "x".repeat(1500), "0000-01-01", "99999-01-01T00:00:00Z", "2021-02-30", "-1", "1e309", "99999999999999999999", "%C0%AF", "[]", "{}", "null", "%F0%9F%98%80", ""];
const BAD_JSON = ['{"a":', "{'a': 1}", "[1,", "nul", '{"a": 1,}', "\u0000", '{"a": "\\u00"}', "01", "{\"a\": NaN}"];
const BAD_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", "text/json", "application/xml", ""];

function resolveRef(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === "string" && i < 10; i++) s = doc.components.schemas[s.$ref.split("/").pop() as string];
  return s;
}

function operations(doc: OpenApiDocument): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      const body = resolveRef(doc, op.requestBody?.content["application/json"]?.schema) ?? null;
      ops.push({ method: method.toUpperCase(), path, pathParams: params.filter((p) => p.in === "path").map((p) => p.name), query: params.filter((p) => p.in === "query"), body });
    }
  }
  return ops;
}

/** A value certainly invalid for a field of this schema (a field with no declared type gets a value no field takes). */
function badValue(r: Random, schema: JsonSchema | undefined): unknown {
  const type = schema?.type ?? (schema?.anyOf ? "any" : schema?.enum || schema?.const !== undefined ? "choice" : "any");
  const max = typeof schema?.maxLength === "number" ? schema.maxLength : 1000;
  const common = [() => DEEP, () => ({ nested: { deeper: [1, { a: "\u0000" }] } })];
  const byType: Record<string, Array<() => unknown>> = {
    string: [() => 123, () => true, () => ["a"], () => "a\u0000b", () => "\u0000", () => "x".repeat(max + 1), () => "y".repeat(r.pick([5000, 50_000]))],
    boolean: [() => "true", () => 1, () => 0, () => "yes", () => ["x"]],
    integer: [() => 1e308, () => -1, () => 2 ** 64, () => 1.5, () => "8", () => 99, () => -0.0001],
    number: [() => "1", () => 1e309.toString(), () => [1]],
    array: [() => "not a list", () => [DEEP], () => Array(300).fill("\u0000"), () => 7],
    object: [() => "not an object", () => [1], () => 7],
    choice: [() => "not-a-choice", () => 99, () => 1.5, () => DEEP, () => "z".repeat(20_000)],
    any: [() => "\u0000", () => DEEP, () => "w".repeat(20_000), () => 1.5, () => ({})],
  };
  const choices = byType[Array.isArray(type) ? "any" : String(type)] ?? byType.any;
  return r.chance(0.15) ? r.pick(common)() : r.pick(choices)();
}

/** A value a field of this schema would take, so that a bad neighbour is what the request is refused for. */
function plausibleValue(schema: JsonSchema | undefined, n: number): unknown {
  if (!schema) return "fuzz";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as JsonSchema[];
    return branches.some((b) => b.type === "null") ? null : plausibleValue(branches[0], n);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "string") return schema.format === "email" || /email/.test(String(schema.description ?? "")) ? `fuzz-${n}@example.test` : "fuzz";
  if (type === "boolean") return false;
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "array") return [];
  if (type === "object") return {};
  return "fuzz";
}

function fieldsOf(body: JsonSchema | null, doc: OpenApiDocument): Record<string, JsonSchema> {
  const resolved = body?.type === "array" ? resolveRef(doc, body.items as JsonSchema) : body;
  return (resolved?.properties ?? {}) as Record<string, JsonSchema>;
}

function fuzz(r: Random, op: Op, doc: OpenApiDocument, ids: Record<string, string>, auth: Record<string, string>): Fuzzed {
  const kinds = [
    ...(op.pathParams.length > 0 ? ["path", "path"] : []),
    ...(op.query.length > 0 ? ["query", "query"] : []),
    ...(op.body ? ["field", "field", "field", "body-type"] : []),
    ...(op.method !== "GET" ? ["bad-json", "content-type", "oversize"] : []),
  ];
  const kind = kinds.length > 0 ? r.pick(kinds) : "query";
  if (kind === "oversize" && !r.chance(0.1)) return fuzz(r, op, doc, ids, auth);
  const pathIds = { ...ids };
  if (kind === "path") pathIds[r.pick(op.pathParams)] = r.pick(BAD_PATH_IDS);
  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => pathIds[name] ?? "x");
  if (r.chance(0.3)) url = url.replace(/\/$/, "");
  const query: string[] = [];
  if (kind === "query" || (op.method === "GET" && r.chance(0.2))) {
    const names = [...op.query.map((p) => p.name), "unknown_filter", "limit", "offset"];
    for (let i = 0; i <= r.int(3); i++) query.push(`${r.pick(names)}=${r.pick(BAD_QUERY_VALUES)}`);
  }
  if (query.length) url += `?${query.join("&")}`;
  const headers: Record<string, string> = { ...auth, "content-type": "application/json" };
  let data: Buffer | undefined;
  if (op.method !== "GET") {
    const fields = fieldsOf(op.body, doc);
    const names = Object.keys(fields).filter((n) => !op.pathParams.includes(n));
    if (kind === "field" && names.length > 0) {
      const body: Record<string, unknown> = {};
      // Half the time the other fields are plausible (an email that would be accepted), so each field's own rule is reached.
      if (r.chance(0.5)) for (const name of names) body[name] = plausibleValue(resolveRef(doc, fields[name]), r.int(1e9));
      for (let i = 0; i <= r.int(2); i++) {
        const name = r.pick(names);
        body[name] = badValue(r, resolveRef(doc, fields[name]));
      }
      if (r.chance(0.3)) body[r.pick(["unknown", "id", "constructor", "toString", "x".repeat(300)])] = r.pick(["v", 1, null, {}]);
      data = Buffer.from(serialize(op.body?.type === "array" ? [body] : body));
    } else if (kind === "body-type") {
      data = Buffer.from(JSON.stringify(op.body?.type === "array" ? r.pick([{}, "s", 1, null]) : r.pick([[], ["a"], "s", 1, 2.5, true, null])));
    } else if (kind === "bad-json") {
      data = Buffer.from(r.pick(BAD_JSON));
    } else if (kind === "content-type") {
      data = Buffer.from(JSON.stringify({ name: "typed" }));
      const type = r.pick(BAD_TYPES);
      if (type) headers["content-type"] = type;
      else delete headers["content-type"];
    } else if (kind === "oversize") {
      data = Buffer.alloc(1024 * 1024 + 1 + r.int(1024), 0x20);
    }
  }
  return { method: op.method, url, headers, data, kind };
}

async function snapshot(request: APIRequestContext, headers: Record<string, string>, orgId: string) {
  const paths = [
    `/api/organizations/${orgId}/`,
    `/api/organizations/${orgId}/members/?limit=1000`,
    `/api/organizations/${orgId}/invites/?limit=1000`,
    `/api/organizations/${orgId}/activity_log/?limit=1000`,
    "/api/organizations/?limit=1000",
    "/api/personal_api_keys/?limit=1000",
    "/api/users/@me/",
  ];
  const bodies = await Promise.all(
    paths.map(async (p) => {
      const res = await request.get(p, { headers });
      return [p, res.status(), await res.text()];
    }),
  );
  return JSON.stringify(bodies);
}

const describe = (f: Fuzzed, i: number) => `#${i} ${f.kind}: ${f.method} ${f.url.slice(0, 200)} content-type=${f.headers["content-type"] ?? "(none)"} body=${f.data ? f.data.subarray(0, 200).toString() : "(none)"}`;

test("fuzz: malformed requests over every documented operation never answer 5xx, and refused ones change nothing", async ({ request }) => {
  test.setTimeout(240_000);
  const r = random(SEED);
  const user = await makeUser("fuzz");
  const key = await makeKey(user.email, "*");
  const auth = bearer(key);
  const org = await createOrgViaApi(request, key);
  const invite = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: auth, data: { target_email: "fuzz-invite@example.test", send_email: false } }), 201);
  const spareKey = await makeKeyWithId(user.email, "organization:read");
  const doc = (await expectOk(await request.get("/api/schema/"))) as OpenApiDocument;
  const ops = operations(doc);
  expect(ops.length).toBeGreaterThan(10);
  const idFor = (op: Op): Record<string, string> => ({
    organization_id: org.id,
    user__uuid: user.uuid,
    user_id: "@me",
    id: op.path.includes("/invites/") ? invite.id : spareKey.id,
  });

  const failures: string[] = [];
  let baseline = await snapshot(request, auth, org.id);
  let refusedSince: string[] = [];
  const seen = new Map<string, number>();
  const check = async () => {
    const now = await snapshot(request, auth, org.id);
    if (now !== baseline) failures.push(`state changed after refused requests (seed ${SEED}):\n${refusedSince.slice(-20).join("\n")}`);
    baseline = now;
    refusedSince = [];
  };
  for (let i = 0; i < BUDGET && failures.length === 0; i++) {
    const op = ops[i % ops.length];
    const f = fuzz(r, op, doc, idFor(op), auth);
    const res = await request.fetch(f.url, { method: f.method, headers: f.headers, data: f.data, maxRedirects: 0, failOnStatusCode: false });
    const status = res.status();
    seen.set(`${status}`, (seen.get(`${status}`) ?? 0) + 1);
    if (status >= 500) failures.push(`${status} (seed ${SEED}) for ${describe(f, i)}: ${(await res.text()).slice(0, 300)}`);
    else if (f.method !== "GET" && status >= 400) refusedSince.push(describe(f, i));
    // Every write the generator makes is malformed (a bad id, field, body, media type or size): none may succeed.
    else if (f.method !== "GET") failures.push(`a malformed request was not refused (seed ${SEED}): ${status} ${describe(f, i)}`);
    if (i % CHECK_EVERY === CHECK_EVERY - 1) await check();
  }
  if (failures.length === 0) await check();
  console.log(`fuzz: seed ${SEED}, ${BUDGET} requests, statuses ${JSON.stringify(Object.fromEntries(seen))}`);
  expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
});
