import { createServer } from "node:net";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message as the catcher received it: envelope, parsed headers and bodies. */
export type CaughtMail = {
  envelopeFrom: string | null;
  envelopeTo: string[];
  messageId: string | null;
  from: string | null;
  to: string | null;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
};

/** `Name <address>` (or the bare address), comma-separated, whatever quoting the message used. */
function address(a: AddressObject | AddressObject[] | undefined) {
  if (!a) return null;
  const values = (Array.isArray(a) ? a : [a]).flatMap((x) => x.value);
  return values.map((v) => (v.name ? `${v.name} <${v.address}>` : (v.address ?? ""))).join(", ");
}

function toCaught(parsed: ParsedMail, envelopeFrom: string | null, envelopeTo: string[]): CaughtMail {
  return {
    envelopeFrom,
    envelopeTo,
    messageId: parsed.messageId ?? null,
    from: address(parsed.from),
    to: address(parsed.to),
    replyTo: address(parsed.replyTo),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: parsed.html || "",
  };
}

/** A free TCP port on 127.0.0.1 (for a server that must be down first and come up later on the same port). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it receives (no TLS, no auth), for tests that check what
 * Orgdeck actually puts on the wire. `waitFor` resolves when a matching message has arrived.
 */
export class SmtpCatcher {
  readonly messages: CaughtMail[] = [];
  private server: SMTPServer | null = null;
  private waiters: Array<{ match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }> = [];

  constructor(readonly port: number) {}

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start() {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
            const mail = toCaught(parsed, envelopeFrom, session.envelope.rcptTo.map((r) => r.address));
            this.messages.push(mail);
            this.waiters = this.waiters.filter((w) => (w.match(mail) ? (w.resolve(mail), false) : true));
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    return this;
  }

  async stop() {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages sent to this recipient (the catcher may also receive other tests' mail). */
  to(recipient: string) {
    return this.messages.filter((m) => m.envelopeTo.includes(recipient.toLowerCase()));
  }

  withMessageId(messageId: string) {
    return this.messages.filter((m) => m.messageId === messageId);
  }

  /** The first message (already received or still to come) matching, or a rejection after `timeoutMs`. */
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching email within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
}

/** Starts a catcher on the given port, or on a free one. */
export async function startSmtpCatcher(port?: number) {
  return new SmtpCatcher(port ?? (await freePort())).start();
}
