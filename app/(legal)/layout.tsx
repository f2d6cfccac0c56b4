import { Wordmark } from "@/components/shell/wordmark";

/** Pages a document's signer sees without an account: the document and its form, wide enough to read. */
export default function LegalLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="min-h-screen bg-sidebar px-4 py-10">
      <div className="mx-auto w-full max-w-3xl">
        <Wordmark className="mb-6 justify-center" />
        <div className="rounded-lg border border-line bg-surface p-6 shadow-sm sm:p-10">{children}</div>
      </div>
    </main>
  );
}
