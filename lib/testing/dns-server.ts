import { createSocket, type Socket } from "node:dgram";
import type { Socket as TcpSocket } from "node:net";
import dns2 from "dns2";

const HOST = "127.0.0.1";
const { Packet } = dns2;
/** The "name does not exist" response code (rcode 3); dns2 has it as Packet.RCODE but does not type it. */
const NXDOMAIN = 3;

/** A DNS server on 127.0.0.1 (UDP and TCP, one port) answering from a table the test fills. */
export type TestDnsServer = {
  port: number;
  /** `host:port`, as DNS_SERVERS takes it. */
  address: string;
  /** The TXT records at `name`: each string one record, or each list of strings one record of several strings. */
  setTxt(name: string, values: string[] | string[][]): void;
  /** `name` does not exist (NXDOMAIN). */
  setNxdomain(name: string): void;
  /** Forgets every record: every name then exists with no record (an empty answer). */
  clear(): void;
  stop(): Promise<void>;
};

const key = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * Starts a server on `port` (or a free one). A TXT question for a name in the table gets its records, a name marked
 * NXDOMAIN gets rcode 3, anything else an empty answer.
 */
export async function startDnsServer({ port }: { port?: number } = {}): Promise<TestDnsServer> {
  const txt = new Map<string, string[][]>();
  const nxdomain = new Set<string>();

  const handle: dns2.DnsHandler = (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    for (const question of request.questions) {
      const name = key(question.name);
      if (nxdomain.has(name)) response.header.rcode = NXDOMAIN;
      else if (question.type === Packet.TYPE.TXT || question.type === Packet.TYPE.ANY) {
        for (const data of txt.get(name) ?? []) {
          response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data }));
        }
      }
    }
    void send(response).catch(() => {});
  };

  const { udp, tcp } = await listenBoth(handle, port);
  const bound = (udp.address() as { port: number }).port;
  const connections = new Set<TcpSocket>();
  tcp.on("connection", (socket: TcpSocket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  return {
    port: bound,
    address: `${HOST}:${bound}`,
    setTxt(name, values) {
      nxdomain.delete(key(name));
      txt.set(key(name), values.map((v) => (typeof v === "string" ? [v] : v)));
    },
    setNxdomain(name) {
      txt.delete(key(name));
      nxdomain.add(key(name));
    },
    clear() {
      txt.clear();
      nxdomain.clear();
    },
    async stop() {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

/** UDP and TCP on the same port: the given one, or a free UDP port whose TCP twin is free too. */
async function listenBoth(handle: dns2.DnsHandler, port: number | undefined) {
  for (let attempt = 0; ; attempt++) {
    const udp = dns2.createUDPServer(handle);
    const tcp = dns2.createTCPServer(handle);
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind(port ?? 0, HOST, () => resolve());
      });
      const bound = (udp.address() as { port: number }).port;
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen(bound, HOST, () => resolve());
      });
      return { udp, tcp };
    } catch (err) {
      await new Promise<void>((resolve) => udp.close(() => resolve())).catch(() => {});
      if (port !== undefined || attempt >= 5) throw err;
    }
  }
}

/** A UDP socket on 127.0.0.1 that reads every question and never answers (a resolver that has gone silent). */
export async function startSilentDnsServer(): Promise<{ port: number; address: string; questions(): number; stop(): Promise<void> }> {
  const socket = await bindUdp(0);
  let count = 0;
  socket.on("message", () => count++);
  const port = socket.address().port;
  return {
    port,
    address: `${HOST}:${port}`,
    questions: () => count,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A UDP port on 127.0.0.1 where nothing listens (it was free a moment ago): questions sent there are refused. */
export async function closedDnsPort(): Promise<number> {
  const socket = await bindUdp(0);
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function bindUdp(port: number): Promise<Socket> {
  const socket = createSocket("udp4");
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, HOST, () => resolve(socket));
  });
}
