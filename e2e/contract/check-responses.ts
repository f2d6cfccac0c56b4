import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { JsonSchema, OpenApiDocument, Reference, ResponseObject } from "../../lib/openapi/types";
import type { RecordedResponse } from "../api/recording";

/**
 * Sign-in (next-auth's own routes), the admin CLI's loopback handoff, PandaDoc's webhook and the signed links to stored
 * files: not part of the documented API.
 */
/** The protocol families the document describes: `/api` and the directory API. */
const CHECKED_FAMILIES = ["/api/", "/directory/"];
const OUT_OF_SCOPE = ["/api/auth/", "/api/internal/", "/api/legal_documents/pandadoc", "/api/storage/"];
/** What a path the document knows answers for a method it lacks: the 405, or a refusal that comes before it. */
const METHOD_REFUSALS = [401, 403, 404, 405];

type Template = { path: string; pattern: RegExp; literals: number };

/** Every response the api specs recorded, from all workers. */
export function readRecordings(dir: string): RecordedResponse[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
  } catch {
    return [];
  }
  return files.flatMap((f) =>
    readFileSync(path.join(dir, f), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedResponse),
  );
}

/** Every zod schema the modules export under a component name, by that name. */
export function namedSchemas(modules: Record<string, unknown>[]): Map<string, z.ZodType> {
  const named = new Map<string, z.ZodType>();
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      const id = value instanceof z.ZodType ? z.globalRegistry.get(value)?.id : undefined;
      if (id) named.set(id, value as z.ZodType);
    }
  }
  return named;
}

function templates(doc: OpenApiDocument): Template[] {
  return Object.keys(doc.paths).map((p) => {
    const segments = p.split("/").filter(Boolean);
    const source = segments.map((s) => (s.startsWith("{") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
    return { path: p, pattern: new RegExp(`^/${source}/?$`), literals: segments.filter((s) => !s.startsWith("{")).length };
  });
}

/** The documented path a request reached; a literal segment wins over an id, as in the router. */
function templateOf(all: Template[], pathname: string) {
  return all.filter((t) => t.pattern.test(pathname)).sort((a, b) => b.literals - a.literals)[0]?.path ?? null;
}

/** A response schema of the document as the zod schema it was generated from. */
function zodOf(schema: JsonSchema, named: Map<string, z.ZodType>): z.ZodType {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.split("/").pop() as string;
    return named.get(name) ?? z.never().meta({ description: `no zod schema is named ${name}` });
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives)) return z.union((alternatives as JsonSchema[]).map((s) => zodOf(s, named)) as [z.ZodType, z.ZodType]);
  if (schema.type === "array") return z.array(zodOf(schema.items as JsonSchema, named));
  if (schema.type === "object" && !schema.properties) return z.record(z.string(), z.unknown());
  return z.never().meta({ description: `cannot check an inline schema: ${JSON.stringify(schema)}` });
}

const resolve = (doc: OpenApiDocument, r: ResponseObject | Reference) =>
  "$ref" in r ? doc.components.responses[r.$ref.split("/").pop() as string] : r;

/**
 * Matches each recorded response to its path template, method and status in the document and validates its body
 * against the response's schema. Returns the problems (grouped, with how often each occurred) and what was checked.
 */
export function checkResponses(doc: OpenApiDocument, records: RecordedResponse[], named: Map<string, z.ZodType>) {
  const all = templates(doc);
  const errorBody = named.get("ErrorResponse") as z.ZodType;
  const problems = new Map<string, { count: number; example: string }>();
  const counts = { documented: 0, methodRefused: 0, unknownPath: 0, outOfScope: 0, notApi: 0 };
  const fail = (where: string, record: RecordedResponse, detail: string) => {
    const key = `${where}: ${detail}`;
    const seen = problems.get(key) ?? { count: 0, example: `${record.method} ${record.path} in "${record.test}"` };
    problems.set(key, { ...seen, count: seen.count + 1 });
  };
  const expectError = (record: RecordedResponse, key: string) => {
    const parsed = errorBody.safeParse(record.body);
    if (!parsed.success) fail(`${key} error body`, record, z.prettifyError(parsed.error));
  };

  for (const record of records) {
    if (!CHECKED_FAMILIES.some((prefix) => record.path.startsWith(prefix))) {
      counts.notApi++;
      continue;
    }
    if (OUT_OF_SCOPE.some((prefix) => record.path.startsWith(prefix))) {
      counts.outOfScope++;
      continue;
    }
    const template = templateOf(all, record.path);
    if (!template) {
      counts.unknownPath++;
      if (record.status !== 404) fail(`unknown path ${record.status}`, record, "a path the document does not know must answer 404");
      expectError(record, "unknown path");
      continue;
    }
    const key = `${record.method} ${template} ${record.status}`;
    const operation = doc.paths[template][record.method.toLowerCase() as keyof (typeof doc.paths)[string]];
    if (!operation) {
      counts.methodRefused++;
      if (!METHOD_REFUSALS.includes(record.status)) fail(key, record, "a method the path lacks must be refused");
      expectError(record, key);
      continue;
    }
    counts.documented++;
    const response = operation.responses[String(record.status)];
    if (!response) {
      fail(key, record, `status ${record.status} is not documented for ${operation.operationId}`);
      continue;
    }
    const resolved = resolve(doc, response);
    if (record.body === null && resolved["x-empty-body"]) continue;
    const content = resolved.content;
    if (content && !content["application/json"]) {
      // A file download: its media type must be one the document names.
      const types = Object.keys(content);
      if (!types.some((type) => record.contentType.startsWith(type))) fail(key, record, `the document describes ${types.join(" or ")}`);
      continue;
    }
    const schema = content?.["application/json"]?.schema;
    if (!schema) {
      if (record.body !== null) fail(key, record, "the document describes no body");
      continue;
    }
    const parsed = zodOf(schema, named).safeParse(record.body);
    if (!parsed.success) fail(key, record, z.prettifyError(parsed.error));
  }
  const listed = [...problems.entries()].map(([key, p]) => `${key}\n  (×${p.count}, e.g. ${p.example})`);
  return { problems: listed, counts };
}
