/**
 * The one way Orgdeck requests a URL an admin typed (JWKS, IdP metadata, webhooks, export destinations, OIDC sector
 * URIs). Server-only in practice (node:http), but free of `server-only` so the CLI, workers and tests can load it.
 */
import http from "node:http";
import https from "node:https";
import { env } from "../env";
import { blockedAddressKind } from "./address-policy";
import { bareHostname, isIpLiteralHost, outboundUrlProblem } from "./check-url";
import { OutboundError } from "./outbound-error";
import { pinnedAgent, pinnedLookup } from "./pinned-agents";
import { resolveHost, type HostResolver } from "./resolve-host";

/** Per-call request options; every bound falls back to OUTBOUND_DEFAULTS, so no call is unbounded. */
export type OutboundRequestInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole request, DNS included. */
  timeoutMs?: number;
  /** Until the TCP connection (and the TLS handshake, for https) is up. */
  connectTimeoutMs?: number;
  /** The largest response body accepted, counted as it streams in. */
  maxBytes?: number;
  /** Tests point this at a local DNS server; unset, the system resolver (with /etc/hosts) answers. */
  resolver?: HostResolver;
  /**
   * Reuse connections (for senders of many requests to the same receivers): from a pool of sockets connected to the
   * addresses this request's check gave, never to others. Unset, each request connects anew.
   */
  keepAlive?: boolean;
};

/** A fully read response; 3xx responses come back as they are, since redirects are never followed. */
export type OutboundResponse = {
  status: number;
  ok: boolean;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The IP address the request actually connected to: always one of those checked. */
  address: string;
  text(): string;
  /** Parses the body, throwing OutboundError `bad_response` when it is not JSON. */
  json(): unknown;
};

/** Bounds for every outbound request unless a call sets its own: 10 s in all, 5 s to connect, 1 MiB of body. */
export const OUTBOUND_DEFAULTS = { timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBytes: 1024 * 1024 } as const;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => OutboundError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/** A URL that passed every check, with the addresses a request to it must connect to (and only those). */
export type CheckedDestination = { url: URL; host: string; addresses: string[] };

/**
 * Checks where a request would go without making it: an https URL whose host resolves only to public addresses.
 * `ORGDECK_ALLOW_PRIVATE_URLS=1` also allows http:, IP literals, reserved names and private addresses. Throws
 * OutboundError.
 */
export async function checkDestination(
  input: string,
  options: { resolver?: HostResolver; timeoutMs?: number } = {},
): Promise<CheckedDestination> {
  const allowPrivate = env().ORGDECK_ALLOW_PRIVATE_URLS;
  const problem = outboundUrlProblem(input, { allowPrivate });
  if (problem) throw new OutboundError(problem.reason, problem.message);
  const url = new URL(input);
  const host = bareHostname(url);
  const timeoutMs = options.timeoutMs ?? OUTBOUND_DEFAULTS.timeoutMs;
  const timedOut = () => new OutboundError("timeout", `${host} did not answer within ${seconds(timeoutMs)}.`);
  const addresses = isIpLiteralHost(url) ? [host] : await withTimeout(resolveHost(host, options.resolver), timeoutMs, timedOut);
  if (!allowPrivate) {
    for (const address of addresses) {
      const kind = blockedAddressKind(address);
      if (kind) {
        throw new OutboundError(
          "private_address",
          `${host} resolves to ${address}, ${kind}; Orgdeck only connects to public addresses.`,
        );
      }
    }
  }
  return { url, host, addresses };
}

/**
 * Requests a URL that `checkDestination` accepts, connecting to exactly the addresses it checked (no second DNS
 * lookup, so DNS rebinding cannot swap in a private one), within a time and size bound; redirects are not followed.
 * Throws OutboundError.
 */
export async function outboundFetch(input: string, init: OutboundRequestInit = {}): Promise<OutboundResponse> {
  const timeoutMs = init.timeoutMs ?? OUTBOUND_DEFAULTS.timeoutMs;
  const startedAt = Date.now();
  const { url, host, addresses } = await checkDestination(input, { resolver: init.resolver, timeoutMs });
  const timedOut = () => new OutboundError("timeout", `${host} did not answer within ${seconds(timeoutMs)}.`);
  return send(url, host, addresses, init, Math.max(0, timeoutMs - (Date.now() - startedAt)), timedOut);
}

/** Errors of a pooled socket the server closed while idle: the request never reached it, so it is sent once more. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE"]);

function send(
  url: URL,
  host: string,
  addresses: string[],
  init: OutboundRequestInit,
  remainingMs: number,
  timedOut: () => OutboundError,
  retried = false,
): Promise<OutboundResponse> {
  const startedAt = Date.now();
  const maxBytes = init.maxBytes ?? OUTBOUND_DEFAULTS.maxBytes;
  const connectTimeoutMs = init.connectTimeoutMs ?? OUTBOUND_DEFAULTS.connectTimeoutMs;
  const secure = url.protocol === "https:";

  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({
      protocol: url.protocol,
      host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: (init.method ?? "GET").toUpperCase(),
      headers: { "user-agent": "Orgdeck", ...init.headers },
      auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
      // Hands the socket the checked addresses instead of asking DNS again; SNI and Host still carry the name.
      lookup: pinnedLookup(host, addresses),
      // Unpooled unless asked: a pool is keyed by the checked addresses, so no socket outlives the check it was made for.
      agent: init.keepAlive ? pinnedAgent(secure, host, url.port, addresses) : false,
    });
    const totalTimer = setTimeout(() => fail(timedOut()), remainingMs);
    const connectTimer = setTimeout(
      () => fail(new OutboundError("timeout", `Could not connect to ${host} within ${seconds(connectTimeoutMs)}.`)),
      connectTimeoutMs,
    );
    let settled = false;
    let responded = false;
    let connectedTo = "";
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      outcome();
    };
    const fail = (error: OutboundError) =>
      finish(() => {
        req.destroy();
        reject(error);
      });
    const tooLarge = () => new OutboundError("too_large", `The response from ${host} is larger than ${maxBytes} bytes.`);

    req.on("socket", (socket) => {
      const connected = () => {
        connectedTo = socket.remoteAddress ?? "";
        clearTimeout(connectTimer);
      };
      if (req.reusedSocket) connected();
      else socket.once(secure ? "secureConnect" : "connect", connected);
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (req.reusedSocket && !retried && !responded && STALE_SOCKET.has(err.code ?? "")) {
        return finish(() => {
          req.destroy();
          const left = Math.max(0, remainingMs - (Date.now() - startedAt));
          resolve(send(url, host, addresses, init, left, timedOut, true));
        });
      }
      fail(new OutboundError("network", `Could not reach ${host} (${err.message}).`, { cause: err }));
    });
    req.on("response", (res) => {
      responded = true;
      if (Number(res.headers["content-length"]) > maxBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      res.on("error", (err) => fail(new OutboundError("network", `The response from ${host} broke off (${err.message}).`, { cause: err })));
      res.on("close", () => {
        if (!res.complete) fail(new OutboundError("network", `The response from ${host} broke off before its end.`));
      });
      res.on("end", () => finish(() => resolve(toResponse(host, res, Buffer.concat(chunks), connectedTo))));
    });
    req.end(init.body);
  });
}

function toResponse(host: string, res: http.IncomingMessage, body: Buffer, address: string): OutboundResponse {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: res.headers,
    body,
    address,
    text: () => body.toString("utf8"),
    json: () => {
      try {
        return JSON.parse(body.toString("utf8")) as unknown;
      } catch (err) {
        throw new OutboundError("bad_response", `The response from ${host} is not valid JSON.`, { cause: err });
      }
    },
  };
}
