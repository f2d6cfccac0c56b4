import { Badge } from "@/components/ui/badge";
import { fieldsOf, resolveResponse, resolveSchema, schemaAnchor, type DocumentedOperation } from "@/lib/openapi/schema-view";
import type { JsonSchema, OpenApiDocument } from "@/lib/openapi/types";
import { FieldTable, ParameterTable } from "./field-table";
import { Prose } from "./prose";
import { TypeName } from "./type-name";

const METHOD_TONES = { get: "accent", post: "ok", put: "warn", patch: "warn", delete: "danger" } as const;

/** An HTTP method as a coloured label; the text itself carries the meaning. */
export function MethodBadge({ method }: { method: keyof typeof METHOD_TONES }) {
  return (
    <Badge tone={METHOD_TONES[method]}>
      <span className="font-mono">{method.toUpperCase()}</span>
    </Badge>
  );
}

const SUBHEADING = "mt-5 mb-2 text-sm font-semibold";

/** Whether a schema is a named component (a `$ref`), which the page links to. */
const named = (schema: JsonSchema) => typeof schema.$ref === "string";

/**
 * Past this many fields a named schema's table is left to its own section (once on the page, linked), rather than
 * repeated in every operation that sends or answers it: the page stays light enough to read, search and audit.
 */
const INLINE_FIELDS_MAX = 30;

/** The fields of a body: an object's, or an array's items. */
function BodyFields({ doc, schema, caption, side }: { doc: OpenApiDocument; schema: JsonSchema; caption: string; side: "request" | "response" }) {
  const resolved = resolveSchema(doc, schema);
  const fields = resolved.type === "array" && resolved.items ? (resolved.items as JsonSchema) : schema;
  const count = fieldsOf(doc, fields).length;
  if (named(fields) && count > INLINE_FIELDS_MAX) {
    return (
      <p className="mb-2 text-muted">
        {resolved.type === "array" ? "An array, each a " : "A "}
        <TypeName schema={fields} /> object: its {count} fields are listed with the schema.
      </p>
    );
  }
  return (
    <>
      <p className="mb-2 text-muted">
        {resolved.type === "array" ? `An array${resolved.maxItems ? ` of at most ${resolved.maxItems} items` : ""}, each ` : ""}
        {named(fields) ? (
          <>
            {resolved.type === "array" ? "" : "A "}
            <TypeName schema={fields} />
            {resolved.type === "array" ? "." : " object."}
          </>
        ) : (
          `${resolved.type === "array" ? "an" : "An"} object with these fields.`
        )}
      </p>
      <FieldTable doc={doc} schema={fields} caption={caption} side={side} />
    </>
  );
}

/** One operation: method and path, who may call it, its parameters, request body, success and error responses. */
export function OperationSection({ doc, entry }: { doc: OpenApiDocument; entry: DocumentedOperation }) {
  const { method, path, operation: op } = entry;
  const titleId = `${op.operationId}-title`;
  // The success is a 2xx, or the 302 of an endpoint that answers with a redirect (a download link).
  const isSuccess = (code: string) => code.startsWith("2") || code === "302";
  const [[status, successRef]] = Object.entries(op.responses).filter(([code]) => isSuccess(code));
  const success = resolveResponse(doc, successRef);
  const successSchema = success.content?.["application/json"]?.schema;
  const fileTypes = success.content && !successSchema ? Object.keys(success.content) : [];
  const errors = Object.entries(op.responses).filter(([code]) => !isSuccess(code));
  // JSON everywhere but the token endpoint, whose body is a form.
  const body = op.requestBody && Object.values(op.requestBody.content)[0]?.schema;
  const clientAuth = op.security.some((requirement) => "ClientSecretBasic" in requirement);
  const scope = op["x-required-scope"];
  return (
    <section id={op.operationId} aria-labelledby={titleId} className="scroll-mt-4 rounded-lg border border-line bg-surface p-5">
      <h3 id={titleId} className="text-base font-semibold">
        {op.summary}
      </h3>
      <p className="mt-2 flex flex-wrap items-center gap-2">
        <MethodBadge method={method} />
        <code className="font-mono text-sm break-all">{path}</code>
      </p>
      {op.description && (
        <p className="mt-2 max-w-3xl text-muted">
          <Prose text={op.description} />
        </p>
      )}
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted">Operation id</dt>
        <dd>
          <code className="font-mono text-xs">{op.operationId}</code>
        </dd>
        <dt className="text-muted">API key scope</dt>
        <dd>
          {scope ? (
            <code className="font-mono text-xs">{scope}</code>
          ) : clientAuth ? (
            "None: the client authenticates with its id and secret."
          ) : op.security.length > 0 ? (
            "Personal API keys are refused: sign in."
          ) : (
            "None: public."
          )}
        </dd>
      </dl>
      {op.parameters && (
        <>
          <h4 className={SUBHEADING}>Parameters</h4>
          <ParameterTable parameters={op.parameters} caption={`Parameters of ${op.summary}`} />
        </>
      )}
      {body && (
        <>
          <h4 className={SUBHEADING}>Request body</h4>
          <BodyFields doc={doc} schema={body} caption={`Request body of ${op.summary}`} side="request" />
        </>
      )}
      <h4 className={SUBHEADING}>
        Response <span className="font-mono font-normal text-muted">{status}</span>
      </h4>
      {successSchema ? (
        <BodyFields doc={doc} schema={successSchema} caption={`Response of ${op.summary}`} side="response" />
      ) : fileTypes.length > 0 ? (
        <p className="max-w-3xl text-muted">
          A file download ({fileTypes.map((type, i) => (
            <span key={type}>
              {i > 0 && " or "}
              <code className="font-mono text-xs">{type}</code>
            </span>
          ))}
          ). <Prose text={success.description} />
        </p>
      ) : status === "302" ? (
        <p className="max-w-3xl text-muted">
          A redirect: <code className="font-mono text-xs">Location</code> is <Prose text={success.description} />
        </p>
      ) : (
        <p className="text-muted">{success.description}: an empty body.</p>
      )}
      {errors.length > 0 && (
        <>
          <h4 className={SUBHEADING}>Errors</h4>
          <ul className="space-y-1">
            {errors.map(([code, ref]) => (
              <li key={code}>
                <code className="font-mono text-xs font-semibold">{code}</code> <span className="text-muted">{resolveResponse(doc, ref).description}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-muted">
            Each error body is an{" "}
            <a href={`#${schemaAnchor("ErrorResponse")}`} className="text-accent-text underline underline-offset-2 hover:no-underline">
              ErrorResponse
            </a>
            .
          </p>
        </>
      )}
    </section>
  );
}
