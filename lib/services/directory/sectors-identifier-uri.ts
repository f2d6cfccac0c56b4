/**
 * An OAuth application's sector identifier URI (OpenID Connect Core §8.1, Dynamic Client Registration §5): a document
 * the application's owner publishes, a JSON array of URIs, which must list every redirect URI of the application. It
 * is fetched on save through the outbound rule (public addresses only, bounded in time and size).
 */
import { AppError, echo } from "../../errors";
import { outboundFetch } from "../../outbound/outbound-fetch";
import { OutboundError } from "../../outbound/outbound-error";

const ATTR = "sector_identifier_uri";

const refused = (detail: string) => new AppError("invalid_input", { detail, attr: ATTR });

/** The URIs the document at `uri` lists; 400 on `sector_identifier_uri` when it cannot be fetched or is not a JSON array of strings. */
export async function fetchSectorRedirectUris(uri: string): Promise<string[]> {
  let body: unknown;
  try {
    const res = await outboundFetch(uri, { headers: { accept: "application/json" }, maxBytes: 256 * 1024 });
    if (!res.ok) throw refused(`Could not fetch the sector identifier URI: the server answered HTTP ${res.status}.`);
    body = res.json();
  } catch (err) {
    if (err instanceof OutboundError) throw refused(`Could not fetch the sector identifier URI: ${err.message}`);
    throw err;
  }
  if (!Array.isArray(body) || !body.every((item) => typeof item === "string")) {
    throw refused("The sector identifier URI must answer a JSON array of URIs (strings).");
  }
  return body;
}

/** Refuses redirect URIs the sector identifier URI's document does not list, naming the first one missing. */
export function requireListedRedirectUris(listed: readonly string[], redirectUris: readonly string[]) {
  const missing = redirectUris.find((uri) => !listed.includes(uri));
  if (missing !== undefined) {
    throw refused(`The sector identifier URI's list does not include the redirect URI "${echo(missing)}"; it must list every redirect URI of the application.`);
  }
}

/** Fetches the document and checks that it lists every redirect URI: the whole save-time rule for a new application. */
export async function checkSectorIdentifierUri(uri: string, redirectUris: readonly string[]) {
  requireListedRedirectUris(await fetchSectorRedirectUris(uri), redirectUris);
}
