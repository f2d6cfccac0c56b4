import type { Metadata } from "next";
import { inspectSigningLink } from "@/lib/services/legal-documents";
import { buttonClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign a document", robots: { index: false } };

const CONTROL = "mt-1.5 block h-9 w-full rounded-md border border-line-strong bg-canvas px-2.5 text-sm text-fg aria-invalid:border-danger";

const FIELD_ERRORS: Record<string, string> = {
  full_name: "Enter your full name.",
  title: "Enter your title.",
  consent: "Confirm that you agree to sign electronically.",
  form: "The form could not be read. Please fill it in again.",
};

/** What a link that no longer opens its document says: nothing more than that, whatever the reason. */
const NOTICES = {
  signed: { title: "This document is signed", body: "Thank you. A copy of the signed document is kept by the organization that sent it." },
  expired: { title: "This signing link has expired", body: "Ask the person who sent you this document to send the link again." },
  invalid: { title: "This signing link is not valid", body: "The link may be incomplete, or the document was withdrawn. Ask the person who sent it for a new link." },
};

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md text-center">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">{children}</p>
    </div>
  );
}

/** A legal document's signing page, reached from the emailed link: the whole document, then the signature form. */
export default async function SigningPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string }> }) {
  const { token } = await params;
  const { error } = await searchParams;
  const link = await inspectSigningLink(token);
  if (link.state !== "valid") {
    const notice = NOTICES[link.state];
    return <Notice title={notice.title}>{notice.body}</Notice>;
  }
  const problem = error ? (FIELD_ERRORS[error] ?? FIELD_ERRORS.form) : null;
  // The field the problem is about says so to screen readers and takes the focus, below the long document.
  const invalid = (field: string) => (error === field ? { "aria-invalid": true, "aria-describedby": "sign-error", autoFocus: true } : {});
  return (
    <article>
      <p className="text-sm text-muted">For {link.companyName}, to be signed by {link.representativeEmail}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">{link.text.title}</h1>
      <div className="mt-6 space-y-6 text-sm leading-relaxed text-zinc-800 dark:text-zinc-200">
        {link.text.sections.map((section, i) => (
          <section key={i}>
            <h2 className="text-base font-semibold">{section.heading}</h2>
            {section.paragraphs.map((paragraph, j) => (
              <p key={j} className="mt-2 whitespace-pre-wrap">
                {paragraph}
              </p>
            ))}
          </section>
        ))}
      </div>
      <p className="mt-6 text-xs break-all text-muted">Document SHA-256: {link.documentSha256}</p>
      <form method="post" action={`/legal/sign/${encodeURIComponent(token)}/submit`} className="mt-8 space-y-4 border-t border-line pt-6 text-sm">
        <h2 className="text-base font-semibold">Sign</h2>
        {problem && (
          <p id="sign-error" role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {problem}
          </p>
        )}
        <div>
          <label htmlFor="full_name" className="block font-medium">
            Full name
          </label>
          <input id="full_name" name="full_name" required maxLength={200} autoComplete="name" className={CONTROL} {...invalid("full_name")} />
        </div>
        <div>
          <label htmlFor="title" className="block font-medium">
            Title
          </label>
          <input id="title" name="title" required maxLength={200} autoComplete="organization-title" className={CONTROL} {...invalid("title")} />
        </div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="consent" required className="mt-0.5" {...invalid("consent")} />
          <span>
            I have read this document and agree to sign it electronically on behalf of {link.companyName}. My name, title, the time, my IP address and my browser are recorded with the signature.
          </span>
        </label>
        <button type="submit" className={buttonClass("primary", "md")}>
          Sign the document
        </button>
        <p className="text-xs text-muted">
          This link works until <Time iso={link.expiresAt} />.
        </p>
      </form>
    </article>
  );
}
