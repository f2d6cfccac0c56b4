/** The page that tells someone why their sign-in was refused, with what it needs to name the reason. */
export function refusedPath(refusal: { reason: string; domain?: string }): string {
  const query = new URLSearchParams({ reason: refusal.reason, ...(refusal.domain && { domain: refusal.domain }) });
  return `/signin/refused?${query}`;
}
