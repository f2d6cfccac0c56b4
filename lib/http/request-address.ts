import { env } from "../env";
import { clientAddress, PEER_HEADER } from "./client-address";

/** The client's address as the abuse limits count it: the socket's peer, or the entry TRUSTED_PROXIES says to believe. */
export function requestClientAddress(headers: Headers) {
  return clientAddress(headers.get(PEER_HEADER) ?? "unknown", headers.get("x-forwarded-for"), env().TRUSTED_PROXIES);
}

/** The caller stamped with the request's client address, which the audit trail records; unchanged when it is unknown. */
export function withAddress<P extends { address?: string }>(principal: P, headers: Headers): P {
  const address = requestClientAddress(headers);
  return address === "unknown" ? principal : { ...principal, address };
}
