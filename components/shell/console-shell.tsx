import { CollapsibleSidebar } from "./collapsible-sidebar";

/** The console's frame: a skip link, the sidebar (switcher, sections, account; behind a Menu button on a phone), and the page as the main landmark. */
export function ConsoleShell({ sidebarTop, nav, sidebarBottom, children }: { sidebarTop: React.ReactNode; nav: React.ReactNode; sidebarBottom: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <aside aria-label="Console" className="shrink-0 border-line bg-sidebar md:w-60 md:border-r">
        <div className="flex flex-col md:sticky md:top-0 md:h-screen">
          <CollapsibleSidebar top={sidebarTop} nav={nav} bottom={sidebarBottom} />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-10">
        {children}
      </main>
    </div>
  );
}
