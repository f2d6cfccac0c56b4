import { constraints, fieldsOf, type Field } from "@/lib/openapi/schema-view";
import type { JsonSchema, OpenApiDocument, Parameter } from "@/lib/openapi/types";
import { Prose } from "./prose";
import { TypeName } from "./type-name";

const CELL = "px-3 py-2 align-top";

function Notes({ schema, extra }: { schema: JsonSchema; extra?: string }) {
  const text = [extra, schema.description, ...constraints(schema)].filter(Boolean).join(" ");
  return text ? <Prose text={text} /> : null;
}

function Table({ caption, rows }: { caption: string; rows: { key: string; name: string; flag?: string; schema: JsonSchema; extra?: string }[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-subtle text-xs text-muted">
          <tr>
            <th scope="col" className={`${CELL} font-medium`}>
              Name
            </th>
            <th scope="col" className={`${CELL} font-medium`}>
              Type
            </th>
            <th scope="col" className={`${CELL} font-medium`}>
              Description
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-line">
              <th scope="row" className={`${CELL} font-normal`}>
                <code className="font-mono text-xs font-semibold">{row.name}</code>
                {row.flag && <span className="ml-2 text-xs text-muted">{row.flag}</span>}
              </th>
              <td className={CELL}>
                <TypeName schema={row.schema} />
              </td>
              <td className={`${CELL} text-muted`}>
                <Notes schema={row.schema} extra={row.extra} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The fields of an object schema: in a request, the ones a client must send are marked required; in a response,
 * the ones that may be absent are marked optional.
 */
export function FieldTable({ doc, schema, caption, side }: { doc: OpenApiDocument; schema: JsonSchema; caption: string; side: "request" | "response" }) {
  const flag = (field: Field) => (side === "request" ? (field.required ? "required" : undefined) : field.required ? undefined : "optional");
  const rows = fieldsOf(doc, schema).map((field) => ({ key: field.name, name: field.name, flag: flag(field), schema: field.schema }));
  return rows.length > 0 ? <Table caption={caption} rows={rows} /> : null;
}

/** An operation's path and query parameters. */
export function ParameterTable({ parameters, caption }: { parameters: Parameter[]; caption: string }) {
  const rows = parameters.map((p) => ({
    key: `${p.in}-${p.name}`,
    name: p.name,
    flag: p.in === "path" ? "path" : p.required ? "query, required" : "query",
    schema: { ...p.schema, description: undefined },
    extra: p.description,
  }));
  return <Table caption={caption} rows={rows} />;
}
