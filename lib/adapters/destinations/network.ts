/** Host checks shared by the destinations whose clients open their own connections (S3's SDK, postgres.js). */
import net from "node:net";
import { checkDestination } from "../../outbound/outbound-fetch";
import type { HostResolver } from "../../outbound/resolve-host";
import { urlHost } from "./check";
import { DestinationError } from "./types";

/**
 * The addresses a connection to `url` may use, checked at connection time like any outbound request (https and public
 * addresses only, unless ORGDECK_ALLOW_PRIVATE_URLS=1): resolved once, so that the client connects to them and never
 * asks DNS again.
 */
export async function checkedAddresses(url: string, resolver?: HostResolver): Promise<string[]> {
  try {
    return (await checkDestination(url, { resolver })).addresses;
  } catch (err) {
    throw new DestinationError((err as Error).message, { cause: err });
  }
}

/** Opens and closes a TCP connection to the first of `addresses`, proving the endpoint listens. */
export function probeTcp(host: string, port: number, addresses: string[], timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: addresses[0], port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new DestinationError(`Could not connect to ${host}:${port} (${reason}).`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs / 1000} s`));
    socket.once("error", (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
  });
}

/** A host and port as the URL that `checkedAddresses` checks, for clients that take no URL (PostgreSQL). */
export const hostUrl = (host: string, port: number) => `https://${urlHost(host)}:${port}/`;
