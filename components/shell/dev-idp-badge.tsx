/** Says, wherever someone signs in or works, that anyone can sign in as anyone: the bundled development provider is on. */
export function DevIdpBadge() {
  return (
    <p role="note" className="rounded-md bg-warn-bg px-2.5 py-1.5 text-xs text-warn-text">
      <strong className="font-semibold">Development sign-in.</strong> Any email address signs in without a password.
    </p>
  );
}
