/** Test-only servers for the outbound tests: both bind 127.0.0.1 alone, on a free port, and close completely. */
import { promises as dns } from "node:dns";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIPv4, isIPv6, type AddressInfo } from "node:net";
import { Packet, UDPServer } from "dns2";

/** A running test DNS server; `close` must be awaited so the test process can exit. */
export type TestDns = {
  /** A resolver that asks only this server, for `outboundFetch(url, { resolver })`. */
  resolver: dns.Resolver;
  /** Every question asked, as `name A` or `name AAAA`, to prove how many lookups a request made. */
  queries: string[];
  close(): Promise<void>;
};

/** Answers A and AAAA for the names in `records` (a function may change its answer per query); others get NXDOMAIN. */
export async function startTestDns(records: (name: string) => string[] | undefined): Promise<TestDns> {
  const queries: string[] = [];
  const server = new UDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const [question] = request.questions;
    const isA = question.type === Packet.TYPE.A;
    if (isA || question.type === Packet.TYPE.AAAA) queries.push(`${question.name} ${isA ? "A" : "AAAA"}`);
    const addresses = records(question.name.toLowerCase());
    if (!addresses) response.header.rcode = 3;
    for (const address of addresses ?? []) {
      if (isA ? isIPv4(address) : question.type === Packet.TYPE.AAAA && isIPv6(address)) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 1, address }));
      }
    }
    void send(response);
  });
  await server.listen(0, "127.0.0.1");
  const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${server.address().port}`]);
  return { resolver, queries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What the test HTTP server saw of one request, including the local address the connection arrived on. */
export type SeenRequest = { method: string; url: string; host: string; localAddress: string; body: string };

/** A running test HTTP server; `close` also drops connections left hanging, so the process can exit. */
export type TestHttp = { port: number; seen: SeenRequest[]; close(): Promise<void> };

/** A plain HTTP server on 127.0.0.1 that records each request (with the address it arrived on) before `handle`. */
export async function startTestHttp(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestHttp> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { method = "", url = "", headers } = req;
      seen.push({ method, url, host: headers.host ?? "", localAddress: req.socket.localAddress ?? "", body: Buffer.concat(chunks).toString() });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Handlers that never answer (timeout tests) would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}
