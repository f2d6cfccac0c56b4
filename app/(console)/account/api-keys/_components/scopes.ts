import { SCOPE_OBJECTS, type ScopeObject } from "@/lib/auth/scopes";

export type Access = "none" | "read" | "write";
export type Preset = "all" | "read" | "custom";

export const ALL_ACCESS = ["*"];
export const READ_ONLY = SCOPE_OBJECTS.map((object) => `${object}:read`);

/** "organization_member" → "Organization member"; "personal_api_key" → "Personal API key". */
export const objectLabel = (object: string) => (object[0].toUpperCase() + object.slice(1)).replaceAll("_", " ").replace(/\bapi\b/, "API");

/** The scopes a preset or a per-object choice stands for. */
export function scopesFor(preset: Preset, custom: Record<ScopeObject, Access>): string[] {
  if (preset === "all") return ALL_ACCESS;
  if (preset === "read") return READ_ONLY;
  return SCOPE_OBJECTS.filter((object) => custom[object] !== "none").map((object) => `${object}:${custom[object]}`);
}

/** How a key's scopes read in the list. */
export function describeScopes(scopes: string[]) {
  if (scopes.includes("*")) return "All access";
  if (READ_ONLY.every((s) => scopes.includes(s)) && scopes.every((s) => s.endsWith(":read"))) return "Read only";
  return scopes.map((s) => `${objectLabel(s.split(":")[0])}: ${s.split(":")[1]}`).join(", ");
}
