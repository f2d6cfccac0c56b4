/**
 * How this server sends email. Without a transport it says what happens to messages and how an operator turns email
 * on; with one it says where messages go.
 */
export function EmailSetup({ configured }: { configured: boolean }) {
  if (configured) {
    return <p className="mb-4 text-muted">Email is set up: messages are handed to this server&apos;s mail relay and retried for a day when it refuses them.</p>;
  }
  return (
    <section aria-labelledby="email-setup" className="mb-6 rounded-lg border border-warn-text/30 bg-warn-bg px-4 py-3 text-warn-text">
      <h2 id="email-setup" className="font-semibold">
        Email isn&apos;t set up on this server
      </h2>
      <p className="mt-1">
        Messages are kept here as <strong className="font-semibold">Held</strong> and are never sent. Until email is set up, share
        invitation links yourself: copy them from the Invites page.
      </p>
      <p className="mt-2">To send email, the person who runs Orgdeck sets these in the server&apos;s environment and restarts it:</p>
      <pre className="mt-1.5 overflow-x-auto rounded-md bg-canvas/60 px-3 py-2 font-mono text-xs text-fg">
        {"SMTP_URL=smtp://user:password@mail.example.com:587   # smtps:// for TLS from the start\nEMAIL_FROM=\"Acme <no-reply@example.com>\"       # optional"}
      </pre>
    </section>
  );
}
