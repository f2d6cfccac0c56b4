import { Wordmark } from "@/components/shell/wordmark";

/** The pages a person sees before the console: centred, calm, no navigation. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-sidebar px-4 py-12">
      <div className="w-full max-w-sm">
        <Wordmark className="mb-6 justify-center" />
        <div className="rounded-lg border border-line bg-surface p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
