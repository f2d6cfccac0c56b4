import { z } from "zod";
import { paginationQuery } from "../schemas/common";
import { createInviteInput } from "../schemas/invites";
import { listMembersInput } from "../schemas/members";
import type { JsonSchema } from "./types";

/** Where `$ref`s to named schemas point. */
export const COMPONENT_REF = "#/components/schemas/";
const LOCAL_REF = "#/$defs/";

/**
 * Inputs the operations read leniently or check themselves, with their own exact messages: an invalid `limit`
 * falls back to the default, an unknown `order` is ignored, `private_project_access` is checked after the level. Their
 * zod schemas accept anything, so the document says here what a client should send.
 */
const LENIENT_INPUTS = new Map<unknown, JsonSchema>([
  [paginationQuery.shape.limit, { type: "integer", minimum: 1, default: 100, description: "Results per page (at most 1,000)." }],
  [paginationQuery.shape.offset, { type: "integer", minimum: 0, default: 0, description: "Results to skip." }],
  [listMembersInput.shape.order, { type: "string", enum: ["-joined_at", "joined_at"], default: "-joined_at", description: "Any other value is ignored." }],
  [listMembersInput.shape.search, { description: "At most 200 characters; matches names and email. Blank means no filter." }],
  [
    createInviteInput.shape.private_project_access,
    { anyOf: [{ type: "array", items: { $ref: `${LOCAL_REF}PrivateProjectAccess` } }, { type: "null" }], default: [] },
  ],
]);

/** Keeps the document readable: a `format` already says what its regular expression spells out, and so does `integer`. */
function tidy({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const known = LENIENT_INPUTS.get(zodSchema);
  if (known) {
    Object.assign(jsonSchema, known);
    return;
  }
  if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
  if (jsonSchema.type === "integer") {
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  }
}

/** Points `$defs` references at the document's components. */
function relink<T>(value: T): T {
  if (Array.isArray(value)) return value.map(relink) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === "$ref" && typeof v === "string" && v.startsWith(LOCAL_REF) ? COMPONENT_REF + v.slice(LOCAL_REF.length) : relink(v);
  }
  return out as T;
}

/** The component name a `$ref` points at, or null. */
export function componentName(schema: JsonSchema): string | null {
  return typeof schema.$ref === "string" && schema.$ref.startsWith(COMPONENT_REF) ? schema.$ref.slice(COMPONENT_REF.length) : null;
}

/** The named schemas met while converting; each becomes one entry of `components.schemas`, which others `$ref`. */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  /** A zod schema as JSON Schema (request side: "input", response side: "output"), its named parts moved out. */
  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const generated = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any", override: tidy });
    const { $defs, $schema: _, ...root } = generated;
    for (const [name, def] of Object.entries($defs ?? {})) this.add(name, relink(def as JsonSchema));
    return relink(root);
  }

  /** A schema with a top-level `$ref` replaced by the component it names. */
  resolve(schema: JsonSchema): JsonSchema {
    const name = componentName(schema);
    return name ? (this.schemas[name] ?? schema) : schema;
  }

  private add(name: string, def: JsonSchema) {
    const existing = this.schemas[name];
    // One name, one shape: a schema named once but rendered differently for requests and responses would mislead.
    if (existing && JSON.stringify(existing) !== JSON.stringify(def)) throw new Error(`Schema ${name} differs between its uses`);
    this.schemas[name] = def;
  }
}
