import { schemaAnchor } from "@/lib/openapi/schema-view";
import type { JsonSchema, OpenApiDocument } from "@/lib/openapi/types";
import { FieldTable } from "./field-table";
import { Prose } from "./prose";
import { TypeName } from "./type-name";

/** One named schema: its fields when it is an object, else its type (an enum's values). */
export function SchemaSection({ doc, name, schema }: { doc: OpenApiDocument; name: string; schema: JsonSchema }) {
  const titleId = `${schemaAnchor(name)}-title`;
  return (
    <section id={schemaAnchor(name)} aria-labelledby={titleId} className="scroll-mt-4 rounded-lg border border-line bg-surface p-5">
      <h3 id={titleId} className="font-mono text-sm font-semibold">
        {name}
      </h3>
      {schema.description && (
        <p className="mt-1 text-muted">
          <Prose text={schema.description} />
        </p>
      )}
      <div className="mt-3">
        {schema.type === "object" ? (
          <FieldTable doc={doc} schema={schema} caption={`Fields of ${name}`} side="response" />
        ) : (
          <p>
            <TypeName schema={{ ...schema, description: undefined }} />
          </p>
        )}
      </div>
    </section>
  );
}
