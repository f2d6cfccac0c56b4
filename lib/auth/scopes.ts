/**
 * The one scope table: the objects a personal API key's scopes may name.
 * Later features add their object here.
 */
export const SCOPE_OBJECTS = [
  "organization",
  "organization_member",
  "organization_integration",
  "legal_document",
  "project",
  "batch_export",
  "personal_api_key",
  "user",
  "activity_log",
  "directory",
] as const;

/**
 * Scopes that `*` does not cover: `INTERNAL` (batch-export connection tests) must be held literally. No key can be
 * given it through the API, so those endpoints answer signed-in people only.
 */
export const INTERNAL_SCOPE_OBJECTS: readonly string[] = ["INTERNAL"];

export type ScopeObject = (typeof SCOPE_OBJECTS)[number];
export type Scope = `${ScopeObject}:${"read" | "write"}` | "INTERNAL";

const SCOPE_RE = new RegExp(`^(${SCOPE_OBJECTS.join("|")}):(read|write)$`);

export function isValidScope(scope: string) {
  return scope === "*" || SCOPE_RE.test(scope);
}

/** `<obj>:write` satisfies `<obj>:read`; `*` satisfies everything but internal objects. */
export function scopesAllow(granted: readonly string[], required: Scope): boolean {
  const [object, access] = required.split(":");
  if (granted.includes("*") && !INTERNAL_SCOPE_OBJECTS.includes(object)) return true;
  if (granted.includes(required)) return true;
  return access === "read" && granted.includes(`${object}:write`);
}
