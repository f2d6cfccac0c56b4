import { scimPatch, type ScimPatchOperation } from "scim-patch";
import { AppError, echo, invalidInput } from "../../errors";
import type { ScimPatchBody } from "../../schemas/scim";

export type ScimObject = Record<string, unknown>;

/** Attributes a client may send but the server owns (or must never keep: `password`). */
const SERVER_OWNED = new Set(["id", "meta", "schemas", "password"]);

/** Payloads never carry null (Entra ID refuses them): nulls and empty objects are left out, recursively. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(withoutNulls) as T;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)] as const);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** A boolean as SCIM clients send it: JSON true/false, or "True"/"False" in any case (legacy Entra ID jobs). */
export function scimBoolean(value: unknown, attr: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw invalidInput(`"${echo(value)}" is not a boolean.`, attr);
}

/** The client's attributes without the ones the server owns, case of names kept. */
export function clientAttributes(body: ScimObject): ScimObject {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !SERVER_OWNED.has(key.toLowerCase())));
}

/** The extension schemas a resource uses (its URN-named attributes), after the core one. */
export const schemasOf = (core: string, resource: ScimObject) => [core, ...Object.keys(resource).filter((k) => k.startsWith("urn:"))];

const names = (list: string | undefined) => (list ? list.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean) : []);

/**
 * `attributes` keeps only the named attributes (and `id` and `schemas`, always returned); `excludedAttributes` drops
 * the named ones. Names are case-insensitive; a sub-attribute (`name.givenName`) selects or drops its top attribute.
 */
export function projectResource(resource: ScimObject, query: { attributes?: string; excludedAttributes?: string }): ScimObject {
  const keep = names(query.attributes).map((n) => n.split(".")[0]);
  const drop = names(query.excludedAttributes).filter((n) => !n.includes("."));
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => {
      const k = key.toLowerCase();
      if (k === "id" || k === "schemas") return true;
      if (keep.length > 0 && !keep.includes(k)) return false;
      return !drop.includes(k);
    }),
  );
}

/**
 * Applies RFC 7644 PATCH operations with scim-patch, after reading them as clients send them: `op` in any case, and a
 * path-less value's server-owned attributes (Okta sends the group's `id` in a rename) left out.
 */
export function applyPatch(resource: ScimObject, operations: ScimPatchBody["Operations"]): ScimObject {
  const ops = operations.flatMap((raw): ScimPatchOperation[] => {
    const op = raw.op.toLowerCase();
    if (op !== "add" && op !== "remove" && op !== "replace") throw invalidInput(`Unknown PATCH op "${echo(raw.op)}".`, "op");
    // A remove that lists the values to take out (Entra ID's members remove) removes each by its value, whatever
    // else the stored items carry (`display`, `$ref`).
    if (op === "remove" && raw.path && !raw.path.includes("[") && Array.isArray(raw.value)) {
      return raw.value.map((item) => ({ op, path: `${raw.path}[value eq ${JSON.stringify(String((item as { value?: unknown })?.value ?? item))}]` }) as ScimPatchOperation);
    }
    const value = !raw.path && raw.value && typeof raw.value === "object" && !Array.isArray(raw.value) ? clientAttributes(raw.value as ScimObject) : raw.value;
    return [{ op, ...(raw.path !== undefined && { path: raw.path }), ...(value !== undefined && { value }) } as ScimPatchOperation];
  });
  try {
    return scimPatch(structuredClone(resource) as unknown as Parameters<typeof scimPatch>[0], ops) as unknown as ScimObject;
  } catch (err) {
    const message = err instanceof Error ? err.message : "The PATCH operations could not be applied.";
    throw new AppError(/no ?target|not found/i.test(message) ? "no_target" : "invalid_input", { detail: message });
  }
}
