import { componentName } from "./json-schema";
import { HTTP_METHODS, type HttpMethod, type JsonSchema, type OpenApiDocument, type OperationObject, type Reference, type ResponseObject } from "./types";

/** A piece of a type's name: plain text, or a component's name to link to. */
export type TypeToken = { text: string; component?: string };

export type Field = { name: string; schema: JsonSchema; required: boolean };

export type DocumentedOperation = { method: HttpMethod; path: string; operation: OperationObject };

/** The schema a top-level `$ref` names (one level: components hold their own references). */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const name = componentName(schema);
  return name ? (doc.components.schemas[name] ?? schema) : schema;
}

/** The response a `$ref` to `components.responses` names. */
export function resolveResponse(doc: OpenApiDocument, response: ResponseObject | Reference): ResponseObject {
  if (!("$ref" in response)) return response;
  return doc.components.responses[response.$ref.split("/").pop() ?? ""];
}

/** The fields of an object schema (after its `$ref`), in the order declared. */
export function fieldsOf(doc: OpenApiDocument, schema: JsonSchema): Field[] {
  const resolved = resolveSchema(doc, schema);
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).map(([name, field]) => ({ name, schema: field as JsonSchema, required: required.has(name) }));
}

const join = (parts: TypeToken[][], separator: string) => parts.flatMap((part, i) => (i === 0 ? part : [{ text: separator }, ...part]));

/** A readable type: `string (uuid)`, `UserBasic | null`, `OrganizationInvite[]`, `"exact" | "similar"`. */
export function typeTokens(schema: JsonSchema): TypeToken[] {
  const name = componentName(schema);
  if (name) return [{ text: name, component: name }];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return join(union.map((s) => typeTokens(s as JsonSchema)), " | ");
  if (schema.enum) return [{ text: schema.enum.map((v) => JSON.stringify(v)).join(" | ") }];
  if (schema.const !== undefined) return [{ text: JSON.stringify(schema.const) }];
  if (Array.isArray(schema.type)) return join(schema.type.map((t) => typeTokens({ ...schema, type: t })), " | ");
  if (schema.type === "array") {
    const items = typeTokens((schema.items as JsonSchema | undefined) ?? {});
    return items.length > 1 ? [{ text: "(" }, ...items, { text: ")[]" }] : [...items, { text: "[]" }];
  }
  if (schema.type === "string" && schema.format) return [{ text: `string (${schema.format})` }];
  return [{ text: typeof schema.type === "string" ? schema.type : "any" }];
}

/** What a field's schema says beyond its type: limits and defaults. */
export function constraints(schema: JsonSchema): string[] {
  const notes: string[] = [];
  if (schema.default !== undefined) notes.push(`Default ${JSON.stringify(schema.default)}.`);
  if (schema.minLength !== undefined && schema.minLength > 0) notes.push(`At least ${schema.minLength} characters.`);
  if (schema.maxLength !== undefined) notes.push(`At most ${schema.maxLength} characters.`);
  if (schema.minimum !== undefined) notes.push(`At least ${schema.minimum}.`);
  if (schema.maxItems !== undefined) notes.push(`At most ${schema.maxItems} items.`);
  return notes;
}

/** The document's operations grouped by tag, in the order of its tags. */
export function operationsByTag(doc: OpenApiDocument) {
  const all: DocumentedOperation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [{ method, path, operation: item[method] }] : [])),
  );
  return doc.tags.map((tag) => ({ ...tag, operations: all.filter((o) => o.operation.tags.includes(tag.name)) }));
}

/** The anchor of a tag's section. */
export const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** The anchor of a component's section. */
export const schemaAnchor = (name: string) => `schema-${name}`;
