import { tagAnchor, type operationsByTag } from "@/lib/openapi/schema-view";
import { MethodBadge } from "./operation-section";

const LINK = "block rounded px-2 py-1 hover:bg-subtle";

/** The page's contents: the overview, each tag with its operations, and the schemas; every entry an anchor link. */
export function TableOfContents({ groups }: { groups: ReturnType<typeof operationsByTag> }) {
  return (
    <nav aria-label="Contents" className="shrink-0 pt-6 lg:sticky lg:top-0 lg:max-h-screen lg:w-72 lg:self-start lg:overflow-y-auto lg:pb-6">
      <p className="mb-2 px-2 text-xs font-semibold tracking-wide text-muted uppercase">Contents</p>
      <ul className="space-y-1">
        <li>
          <a href="#overview" className={LINK}>
            Overview
          </a>
        </li>
        {groups.map((group) => (
          <li key={group.name}>
            <a href={`#${tagAnchor(group.name)}`} className={`${LINK} font-medium`}>
              {group.name}
            </a>
            <ul className="ml-2 border-l border-line pl-2">
              {group.operations.map(({ method, operation }) => (
                <li key={operation.operationId}>
                  <a href={`#${operation.operationId}`} className={`${LINK} flex items-center gap-2 text-muted`}>
                    <MethodBadge method={method} />
                    <span>{operation.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
        <li>
          <a href="#schemas" className={`${LINK} font-medium`}>
            Schemas
          </a>
        </li>
      </ul>
    </nav>
  );
}
