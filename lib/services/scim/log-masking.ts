import { maskValue } from "../scim-logs";

/** Attributes whose every value is personal, wherever they sit (a resource, an extension, a manager, a PATCH value). */
const PERSONAL = new Set(["username", "displayname", "externalid", "nickname", "name"]);
/** Multi-valued attributes whose `value` and `display` are personal; their `type` and `primary` are not. */
const CONTACTS = new Set(["emails", "phonenumbers", "ims"]);
/** Sub-attributes that tell what a value is rather than holding it. */
const DESCRIPTIVE = new Set(["type", "primary"]);
const COMPARISON = /^(eq|ne|co|sw|ew|gt|ge|lt|le)$/i;
/** A character an address in free text may hold. */
const ADDRESS_CHAR = /[^\s@"'<>(),;:[\]]/;

/**
 * Masks the addresses quoted in free text, looking only around each `@` so that a long string (a photo's data URL)
 * costs linear time.
 */
function maskAddressesIn(text: string): string {
  let out = "";
  let done = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > done && at - start < 64 && ADDRESS_CHAR.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && ADDRESS_CHAR.test(text[end])) end++;
    const domain = /^.*\.[a-z]{2,}/i.exec(text.slice(at + 1, end))?.[0];
    if (start === at || !domain) continue;
    out += text.slice(done, start) + maskValue(text.slice(start, at + 1 + domain.length));
    done = at + 1 + domain.length;
  }
  return out + text.slice(done);
}

type Masker = (value: string) => string;
const hidden: Masker = () => "***";

/**
 * How a string at this attribute chain (lower-cased names from the resource down, array positions left out) is
 * stored: masked, hidden entirely (`password`), or as it is (null).
 */
function maskerFor(chain: string[]): Masker | null {
  if (chain.includes("password")) return hidden;
  for (let i = 0; i < chain.length; i++) {
    const [attribute, sub] = [chain[i], chain[i + 1]];
    if (PERSONAL.has(attribute)) return maskValue;
    if (CONTACTS.has(attribute) && (sub === undefined || sub === "value" || sub === "display")) return maskValue;
    if (attribute === "addresses" && (sub === undefined || !DESCRIPTIVE.has(sub))) return maskValue;
    if (attribute === "members" && sub === "display") return maskValue;
  }
  return null;
}

/**
 * The attribute names an attribute path or key names, lower-cased: `urn:…:2.0:User:name.givenName` is name, givenname;
 * `emails[type eq "work"].value` is emails, value; a schema URN alone (an extension's object) names none.
 */
function segmentsOf(path: string): string[] {
  let bare = path.replace(/\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]/g, "");
  if (bare.toLowerCase().startsWith("urn:")) {
    bare = bare.slice(bare.lastIndexOf(":") + 1);
    // Attribute names start lower-case; what follows a schema URN's last colon alone is its resource type (`User`).
    if (/^[A-Z]/.test(bare) && !bare.includes(".")) return [];
  }
  return bare.split(".").filter(Boolean).map((s) => s.toLowerCase());
}

/**
 * Masks the compared values of a SCIM filter (a `filter` parameter, or the brackets of a PATCH path) where the
 * attribute compared is personal: `userName eq "john@x.com"` becomes `userName eq "j***n@x.com"`, while
 * `emails[type eq "work"]` stays as it is.
 */
export function maskFilter(filter: string): string {
  let out = "";
  const parents: string[][] = [];
  let words: string[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (c === '"') {
      let j = i + 1;
      while (j < filter.length && filter[j] !== '"') j += filter[j] === "\\" ? 2 : 1;
      const raw = filter.slice(i + 1, j);
      const [attribute, operator] = words.slice(-2);
      const chain = [...parents.flat(), ...segmentsOf(attribute ?? "")];
      const masker = operator && COMPARISON.test(operator) ? maskerFor(chain) : null;
      out += `"${masker ? masker(raw) : raw}"`;
      words.push("");
      i = j + 1;
      continue;
    }
    const word = /^[^\s"()[\]]+/.exec(filter.slice(i))?.[0];
    if (word) {
      words.push(word);
      out += word;
      i += word.length;
      continue;
    }
    if (c === "[") {
      parents.push(segmentsOf(words.at(-1) ?? ""));
      words = [];
    } else if (c === "]") {
      parents.pop();
      words = [];
    }
    out += c;
    i++;
  }
  return out;
}

/** Masks every personal value in a parsed SCIM body: resources, list responses, PATCH operations, errors aside. */
function maskNode(node: unknown, chain: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => maskNode(item, chain));
  if (node !== null && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = [...chain, ...segmentsOf(key)];
      const maskedKey = key.includes("[") ? maskFilter(key) : key;
      out[maskedKey] = at.at(-1) === "operations" && Array.isArray(value) ? value.map(maskOperation) : maskNode(value, at);
    }
    return out;
  }
  const masker = maskerFor(chain);
  if (masker) return typeof node === "string" || typeof node === "number" ? masker(String(node)) : node;
  if (typeof node !== "string") return node;
  // A search request's filter (POST /.search) masks as a query's does.
  if (chain.at(-1) === "filter") return maskFilter(node);
  // Free text (an error's detail, an extension's attribute) may quote an address all the same.
  return maskAddressesIn(node);
}

/** A PATCH operation: its value sits at its `path` (or, without one, holds attribute paths as keys). */
function maskOperation(operation: unknown): unknown {
  if (operation === null || typeof operation !== "object" || Array.isArray(operation)) return maskNode(operation, []);
  const entries = Object.entries(operation);
  const path = entries.find(([k, v]) => k.toLowerCase() === "path" && typeof v === "string")?.[1] as string | undefined;
  const chain = path ? segmentsOf(path) : [];
  return Object.fromEntries(
    entries.map(([k, v]) => {
      const key = k.toLowerCase();
      if (key === "path" && typeof v === "string") return [k, maskFilter(v)];
      if (key === "value") return [k, maskNode(v, chain)];
      return [k, maskNode(v, [])];
    }),
  );
}

/** The most a stored body holds, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Cuts text to `max` UTF-8 bytes without splitting a character. */
export function cutToBytes(text: string, max = MAX_BODY_BYTES): string {
  if (text.length * 3 <= max) return text;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= max) return text;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

/** A body as stored: JSON with its personal values masked and `password` hidden; anything else as it came; both cut to 64 KiB. */
export function maskBody(body: string): string {
  if (!body) return "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return cutToBytes(body);
  }
  return cutToBytes(JSON.stringify(maskNode(parsed, [])));
}

/**
 * A request path as stored: each `filter` parameter decoded, its personal values masked, and kept readable (only the
 * characters that would end it are escaped) so a search for a masked term finds it.
 */
export function maskPath(path: string): string {
  const q = path.indexOf("?");
  if (q < 0) return path;
  const params = path
    .slice(q + 1)
    .split("&")
    .map((param) => {
      const eq = param.indexOf("=");
      if (eq < 0 || param.slice(0, eq).toLowerCase() !== "filter") return param;
      let value: string;
      try {
        value = decodeURIComponent(param.slice(eq + 1).replace(/\+/g, " "));
      } catch {
        return `${param.slice(0, eq)}=***`;
      }
      return `${param.slice(0, eq)}=${maskFilter(value).replace(/[%&#+]/g, encodeURIComponent)}`;
    });
  return `${path.slice(0, q)}?${params.join("&")}`;
}

/** Request headers as stored: names lower-cased, credentials hidden, cookies left out. */
export function maskHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (key === "cookie" || key === "set-cookie") continue;
    out[key] = key === "authorization" || key === "proxy-authorization" ? "***" : String(value);
  }
  return out;
}
