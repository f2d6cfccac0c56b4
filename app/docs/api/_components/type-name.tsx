import { schemaAnchor, typeTokens } from "@/lib/openapi/schema-view";
import type { JsonSchema } from "@/lib/openapi/types";

/** A field's type, each named schema a link to its section. */
export function TypeName({ schema }: { schema: JsonSchema }) {
  return (
    <code className="font-mono text-xs break-words">
      {typeTokens(schema).map((token, i) =>
        token.component ? (
          <a key={i} href={`#${schemaAnchor(token.component)}`} className="text-accent-text underline underline-offset-2 hover:no-underline">
            {token.text}
          </a>
        ) : (
          <span key={i}>{token.text}</span>
        ),
      )}
    </code>
  );
}
