/**
 * SCIM filters (RFC 7644 §3.4.2.2) as a parameterised SQL condition on `scim_users` or `scim_groups`. The package parses;
 * the translation is ours because its matcher compares case-sensitively, where RFC 7643 wants attribute names and
 * `caseExact: false` values compared without case. The caller adds the tenant condition.
 */
import { sql, type SQL } from "drizzle-orm";
import { parse, type Compare, type Filter, type Suffix, type ValuePath } from "scim2-parse-filter";
import { tokenizer } from "scim2-parse-filter/lib/src/parser.js";
import { scimGroupMembers, scimGroups, scimUsers } from "../../../db/schema";

/** A filter the SCIM layer refuses with 400 `scimType: "invalidFilter"`; the message says what is wrong. */
export class ScimFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScimFilterError";
  }
}

export type ScimFilterResource = "User" | "Group";

export const MAX_FILTER_LENGTH = 1000;

type Kind = "string" | "uuid" | "boolean" | "datetime";
/** One value: the SQL expression holding it, how its values compare, and whether it can be absent (null). */
type Attribute = { kind: Kind; expr: SQL; caseExact: boolean; nullable: boolean };
/** A multi-valued attribute: its elements' sub-attributes, and a column that also holds a `value` (the primary email). */
type MultiValued = { sub: Record<string, Attribute>; some: (condition: SQL) => SQL; column?: Attribute };
type Schema = { urn: string; attributes: Record<string, Attribute>; multi: Record<string, MultiValued> };
type Leaf = Compare | Suffix;

const attr = (kind: Kind, expr: SQL, caseExact: boolean, nullable: boolean): Attribute => ({ kind, expr, caseExact, nullable });
const text = (expr: SQL, nullable = true) => attr("string", expr, false, nullable);

// A client may store `emails` as something other than an array: such a user simply has no email elements.
const emailElements = sql`jsonb_array_elements(case when jsonb_typeof(${scimUsers.resource} -> 'emails') = 'array' then ${scimUsers.resource} -> 'emails' else '[]'::jsonb end)`;

const SCHEMAS: Record<ScimFilterResource, Schema> = {
  User: {
    urn: "urn:ietf:params:scim:schemas:core:2.0:User",
    attributes: {
      id: attr("uuid", sql`${scimUsers.id}`, true, false),
      username: text(sql`${scimUsers.userName}`, false),
      externalid: attr("string", sql`${scimUsers.externalId}`, true, true),
      displayname: text(sql`${scimUsers.displayName}`),
      "name.givenname": text(sql`${scimUsers.givenName}`),
      "name.familyname": text(sql`${scimUsers.familyName}`),
      active: attr("boolean", sql`${scimUsers.active}`, true, false),
      "meta.created": attr("datetime", sql`${scimUsers.createdAt}`, true, false),
      "meta.lastmodified": attr("datetime", sql`${scimUsers.updatedAt}`, true, false),
    },
    multi: {
      emails: {
        sub: { value: text(sql`(scim_email.elem ->> 'value')`), type: text(sql`(scim_email.elem ->> 'type')`) },
        some: (condition) => sql`exists (select 1 from ${emailElements} as scim_email(elem) where ${condition})`,
        column: text(sql`${scimUsers.email}`),
      },
    },
  },
  Group: {
    urn: "urn:ietf:params:scim:schemas:core:2.0:Group",
    attributes: {
      id: attr("uuid", sql`${scimGroups.id}`, true, false),
      displayname: text(sql`${scimGroups.displayName}`, false),
      externalid: attr("string", sql`${scimGroups.externalId}`, true, true),
      "meta.created": attr("datetime", sql`${scimGroups.createdAt}`, true, false),
      "meta.lastmodified": attr("datetime", sql`${scimGroups.updatedAt}`, true, false),
    },
    multi: {
      members: {
        sub: { value: attr("uuid", sql`${scimGroupMembers.scimUserId}`, true, false) },
        some: (condition) => sql`exists (select 1 from ${scimGroupMembers} where ${scimGroupMembers.groupId} = ${scimGroups.id} and ${condition})`,
      },
    },
  },
};

/**
 * A SCIM filter as a condition on the resource's table: attribute names match without case and with or without the
 * core schema URN, every value is a bound parameter, and anything malformed or unsupported throws `ScimFilterError`.
 */
export function scimFilterToSql(filter: string, resource: ScimFilterResource): SQL {
  if (typeof filter !== "string" || filter.length > MAX_FILTER_LENGTH) {
    throw new ScimFilterError(`A filter is at most ${MAX_FILTER_LENGTH} characters.`);
  }
  let tree: Filter;
  let closings: string[];
  try {
    tree = parse(filter);
    closings = tokenizer(filter)
      .filter((t) => t.type === "Bracket" && t.literal.startsWith("]"))
      .map((t) => t.literal);
  } catch (err) {
    throw new ScimFilterError(`The filter is not valid: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The parser turns `emails[type eq "work"].value eq "x"` into the same tree as `emails[type eq "work"] and
  // emails.value eq "x"`, yet only the first asks for one email that is both. Its closing bracket token is `].`.
  const paths = valuePaths(tree);
  const dotted = new Set(paths.filter((_, i) => closings[i] === "]."));
  return new Translator(SCHEMAS[resource], dotted).top(tree);
}

function valuePaths(node: Filter, out: ValuePath[] = []): ValuePath[] {
  if (node.op === "[]") {
    out.push(node);
    valuePaths(node.valFilter, out);
  } else if (node.op === "and" || node.op === "or") node.filters.forEach((f) => valuePaths(f, out));
  else if (node.op === "not") valuePaths(node.filter, out);
  return out;
}

// Names come from the client: `constructor` or `__proto__` must not reach the object's prototype.
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

const isLeaf = (node: Filter): node is Leaf => node.op !== "and" && node.op !== "or" && node.op !== "not" && node.op !== "[]";

class Translator {
  constructor(
    private schema: Schema,
    private dotted: Set<ValuePath>,
  ) {}

  top(node: Filter): SQL {
    return this.walk(node, (leaf) => this.topLeaf(leaf), (path, extra) => this.valuePath(path, extra));
  }

  private walk(node: Filter, leaf: (node: Leaf) => SQL, path: (node: ValuePath, extra?: Filter) => SQL): SQL {
    switch (node.op) {
      case "and":
      case "or": {
        const [first, second] = node.filters;
        if (node.op === "and" && node.filters.length === 2 && first.op === "[]" && this.dotted.has(first)) return path(first, second);
        const parts = node.filters.map((f) => this.walk(f, leaf, path));
        return sql`(${sql.join(parts, sql.raw(` ${node.op} `))})`;
      }
      case "not":
        return sql`(not (${this.walk(node.filter, leaf, path)}))`;
      case "[]":
        return path(node);
      default:
        return leaf(node);
    }
  }

  private name(path: string): string {
    const lower = path.toLowerCase();
    const prefix = `${this.schema.urn.toLowerCase()}:`;
    return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
  }

  private topLeaf(node: Leaf): SQL {
    const name = this.name(node.attrPath);
    const single = own(this.schema.attributes, name);
    if (single) return leafSql(single, node, true);
    const dot = name.indexOf(".");
    const head = dot < 0 ? name : name.slice(0, dot);
    const multi = own(this.schema.multi, head);
    if (!multi) throw new ScimFilterError(`Unknown attribute "${node.attrPath}".`);
    const sub = dot < 0 ? "value" : name.slice(dot + 1);
    const element = this.element(multi, sub, node.attrPath);
    const some = multi.some(leafSql(element, node, false));
    return sub === "value" && multi.column ? sql`(${leafSql(multi.column, node, false)} or ${some})` : some;
  }

  private valuePath(node: ValuePath, extra?: Filter): SQL {
    const multi = own(this.schema.multi, this.name(node.attrPath));
    if (!multi) throw new ScimFilterError(`"${node.attrPath}" is not a multi-valued attribute that filters support.`);
    const inner = (f: Filter) =>
      this.walk(
        f,
        (leaf) => leafSql(this.element(multi, leaf.attrPath.toLowerCase(), leaf.attrPath), leaf, false),
        () => {
          throw new ScimFilterError("A value filter cannot hold another value filter.");
        },
      );
    const condition = inner(node.valFilter);
    if (!extra) return multi.some(condition);
    if (!isLeaf(extra)) throw new ScimFilterError(`Unexpected expression after "${node.attrPath}[…]".`);
    const sub = extra.attrPath.slice(node.attrPath.length + 1);
    const element = this.element(multi, sub.toLowerCase(), extra.attrPath);
    return multi.some(sql`(${condition} and ${leafSql(element, extra, false)})`);
  }

  private element(multi: MultiValued, sub: string, shown: string): Attribute {
    const found = own(multi.sub, sub);
    if (!found) throw new ScimFilterError(`Unknown attribute "${shown}".`);
    return found;
  }
}

const RELATIONS = { eq: "=", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;
const LIKE_SHAPES = { co: (v: string) => `%${v}%`, sw: (v: string) => `${v}%`, ew: (v: string) => `%${v}` } as const;

/**
 * One comparison as a condition that is never null, so `not` inverts it exactly. `single` is false inside a
 * multi-valued attribute, where `ne` asks for a value that differs (an absent one does not count).
 */
function leafSql(a: Attribute, node: Leaf, single: boolean): SQL {
  if (node.op === "pr") return present(a);
  const value = node.compValue;
  if (value === null) {
    if (node.op === "eq") return sql`(not ${present(a)})`;
    if (node.op === "ne") return present(a);
    throw new ScimFilterError(`"${node.op}" does not compare with null.`);
  }
  if (node.op === "ne") {
    const differs = sql`(not ${known(a, positive(a, "eq", value, node.attrPath))})`;
    return single || !a.nullable ? differs : sql`(${a.expr} is not null and ${differs})`;
  }
  return known(a, positive(a, node.op, value, node.attrPath));
}

const known = (a: Attribute, condition: SQL) => (a.nullable ? sql`(${condition} and ${a.expr} is not null)` : condition);

function present(a: Attribute): SQL {
  if (a.kind === "string") return sql`(${a.expr} is not null and ${a.expr} <> '')`;
  return a.nullable ? sql`(${a.expr} is not null)` : sql`true`;
}

type Op = Exclude<Compare["op"], "ne">;

function positive(a: Attribute, op: Op, value: string | number | boolean, shown: string): SQL {
  const refuse = (why: string) => new ScimFilterError(`"${shown}" ${why}.`);
  if (a.kind === "boolean") {
    if (op !== "eq") throw refuse(`is a boolean: it takes eq, ne and pr, not ${op}`);
    const flag = typeof value === "boolean" ? String(value) : typeof value === "string" ? value.toLowerCase() : "";
    if (flag !== "true" && flag !== "false") throw refuse("compares with true or false");
    return sql`${a.expr} = ${flag === "true"}::boolean`;
  }
  if (typeof value !== "string") throw refuse(`compares with a string, not ${JSON.stringify(value)}`);
  if (value.includes("\u0000")) throw refuse("cannot hold a NUL character");
  if (a.kind === "uuid") {
    if (op !== "eq") throw refuse(`takes eq, ne and pr, not ${op}`);
    // Ids are uuids: any other value names no resource rather than failing the cast.
    return UUID.test(value) ? sql`${a.expr} = ${value}::uuid` : sql`false`;
  }
  if (op === "co" || op === "sw" || op === "ew") {
    if (a.kind !== "string") throw refuse(`is a date-time: it takes eq, ne, gt, ge, lt, le and pr, not ${op}`);
    const pattern = LIKE_SHAPES[op](value.replace(/[\\%_]/g, (c) => `\\${c}`));
    return sql`${a.expr} ${sql.raw(a.caseExact ? "like" : "ilike")} ${pattern}::text escape '\\'`;
  }
  const relation = sql.raw(RELATIONS[op]);
  if (a.kind === "datetime") {
    const instant = parseFilterDateTime(value);
    if (!instant) throw refuse(`compares with a date-time such as "2026-01-31T12:00:00Z", not "${value}"`);
    // Times are shown to clients to the millisecond: a value read back from `meta` must equal its own row.
    return sql`date_trunc('milliseconds', ${a.expr}) ${relation} ${instant}::timestamptz`;
  }
  return a.caseExact ? sql`${a.expr} ${relation} ${value}::text` : sql`lower(${a.expr}) ${relation} lower(${value}::text)`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
// PostgreSQL has no year 0 and JavaScript writes years past 9999 with a sign: keep instants where both agree.
const EARLIEST = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An RFC 3339 date-time (or date, read as midnight UTC; no offset means UTC) as a UTC ISO string, or null. */
function parseFilterDateTime(value: string): string | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!days || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return null;
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(`${m[7] ?? ""}000`.slice(0, 3)));
  const instant = date.getTime() - (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return instant >= EARLIEST && instant <= LATEST ? new Date(instant).toISOString() : null;
}
