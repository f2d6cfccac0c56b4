/** The pages a person sees before the console: centred, calm, no navigation. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-sidebar px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 flex items-center justify-center gap-2 text-base font-semibold tracking-tight">
          <span aria-hidden="true" className="grid size-6 place-items-center rounded bg-accent text-xs text-on-accent">
            O
          </span>
          Orgdeck
        </p>
        <div className="rounded-lg border border-line bg-surface p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
