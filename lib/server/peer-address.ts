import http from "node:http";
import { PEER_HEADER } from "../http/client-address";

const STAMPED = Symbol.for("orgdeck.peerAddressStamped");

/**
 * Stamps each incoming request with its socket's peer address before Next.js sees it, so the abuse limits can tell
 * the real client from what its own `X-Forwarded-For` claims. Applies to every HTTP server in this process; once.
 */
export function stampPeerAddresses() {
  const proto = http.Server.prototype as http.Server & { [STAMPED]?: true };
  if (proto[STAMPED]) return;
  proto[STAMPED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
