const STEPS = [
  {
    title: "Create a user and an organization",
    code: 'npm run --silent cli -- user create --email you@example.com\nnpm run --silent cli -- org create --name "Acme" --owner-email you@example.com',
  },
  {
    title: "Create a personal API key",
    code: 'npm run --silent cli -- api-key create --email you@example.com --label laptop --scopes "*"',
  },
  {
    title: "Call the API",
    code: 'curl -H "Authorization: Bearer $KEY" http://localhost:3000/api/organizations/@current/',
  },
];

/** The landing page until the console arrives: what is running and how to reach it. */
export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <p className="text-sm font-medium tracking-wide text-indigo-700 uppercase dark:text-indigo-300">Orgdeck</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Your organization console is running.</h1>
      <p className="mt-4 text-zinc-700 dark:text-zinc-300">
        Orgdeck manages organizations, members, API keys and the audit trail behind one REST API. The sign-in pages and
        the console arrive next; until then, the admin CLI and the API are the way in.
      </p>
      <ol className="mt-10 space-y-8">
        {STEPS.map((step, i) => (
          <li key={step.title}>
            <h2 className="text-base font-semibold">
              {i + 1}. {step.title}
            </h2>
            <pre className="mt-2 overflow-x-auto rounded-md bg-zinc-100 p-4 font-mono text-sm text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
              <code>{step.code}</code>
            </pre>
          </li>
        ))}
      </ol>
      <p className="mt-10 text-sm text-zinc-600 dark:text-zinc-400">
        Health: <a className="underline underline-offset-2" href="/healthz">/healthz</a> ·{" "}
        <a className="underline underline-offset-2" href="/readyz">/readyz</a>
      </p>
    </main>
  );
}
