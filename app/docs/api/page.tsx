import type { Metadata } from "next";
import { Wordmark } from "@/components/shell/wordmark";
import { buttonClass } from "@/components/ui/button";
import { apiDocument } from "@/lib/openapi/document";
import { operationsByTag, schemaAnchor, tagAnchor } from "@/lib/openapi/schema-view";
import { OperationSection } from "./_components/operation-section";
import { Prose } from "./_components/prose";
import { SchemaSection } from "./_components/schema-section";
import { TableOfContents } from "./_components/table-of-contents";

export const metadata: Metadata = { title: "API reference" };

/** The REST API's reference, rendered from the same OpenAPI document `/api/schema/` serves; public. */
export default function ApiReferencePage() {
  const doc = apiDocument();
  const groups = operationsByTag(doc);
  return (
    <div className="min-h-screen">
      <a href="#content" className="sr-only z-50 rounded-md bg-surface px-3 py-2 font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3">
        Skip to content
      </a>
      <header className="border-b border-line bg-sidebar">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <Wordmark />
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a JSON document: a plain request, never a client-side page change */}
          <a href="/api/schema/" className={buttonClass("secondary", "sm")}>
            OpenAPI document (JSON)
          </a>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-8 px-4 lg:flex-row">
        <TableOfContents groups={groups} />
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 space-y-10 py-6 focus:outline-none">
          <section id="overview" aria-labelledby="overview-title" className="scroll-mt-4">
            <h1 id="overview-title" className="text-xl font-semibold tracking-tight">
              API reference
            </h1>
            <p className="mt-2 max-w-3xl text-muted">
              <Prose text={doc.info.description} />
            </p>
            <h2 className="mt-6 mb-2 text-base font-semibold">Authentication</h2>
            <ul className="max-w-3xl list-disc space-y-1 pl-5 text-muted">
              {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
                <li key={name}>
                  <code className="font-mono text-xs font-semibold text-fg">{name}</code>: <Prose text={scheme.description} />
                </li>
              ))}
            </ul>
            <p className="mt-3 max-w-3xl text-muted">
              Errors answer an{" "}
              <a href={`#${schemaAnchor("ErrorResponse")}`} className="text-accent-text underline underline-offset-2 hover:no-underline">
                ErrorResponse
              </a>{" "}
              body.
            </p>
          </section>
          {groups.map((group) => (
            <section key={group.name} aria-labelledby={tagAnchor(group.name)} className="space-y-4">
              <div>
                <h2 id={tagAnchor(group.name)} className="scroll-mt-4 text-lg font-semibold">
                  {group.name}
                </h2>
                <p className="mt-1 text-muted">{group.description}</p>
              </div>
              {group.operations.map((entry) => (
                <OperationSection key={entry.operation.operationId} doc={doc} entry={entry} />
              ))}
            </section>
          ))}
          <section aria-labelledby="schemas" className="space-y-4">
            <h2 id="schemas" className="scroll-mt-4 text-lg font-semibold">
              Schemas
            </h2>
            {Object.entries(doc.components.schemas)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, schema]) => (
                <SchemaSection key={name} doc={doc} name={name} schema={schema} />
              ))}
          </section>
        </main>
      </div>
    </div>
  );
}
