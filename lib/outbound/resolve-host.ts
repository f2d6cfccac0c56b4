import { promises as dns } from "node:dns";
import { OutboundError } from "./outbound-error";

/** What an injected resolver must offer: a `dns.promises.Resolver` pointed at chosen servers fits. */
export type HostResolver = {
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
};

/** Answers that mean "this name has no such record", as opposed to a DNS failure. */
const NO_RECORD = new Set(["ENODATA", "ENOTFOUND", "NOTFOUND", "ENONAME"]);

function dnsError(hostname: string, err: unknown): OutboundError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message =
    code && NO_RECORD.has(code)
      ? `${hostname} could not be found in DNS.`
      : `${hostname} could not be resolved (${code ?? "DNS error"}).`;
  return new OutboundError("dns", message, { cause: err });
}

/**
 * Every address a host name resolves to, so that each one can be checked before any is connected to: through the
 * injected resolver (A and AAAA) when given, else the system resolver, which also honours /etc/hosts.
 */
export async function resolveHost(hostname: string, resolver?: HostResolver): Promise<string[]> {
  let addresses: string[];
  if (resolver) {
    const answers = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
    const found = answers.flatMap((a) => (a.status === "fulfilled" ? a.value : []));
    const failures = answers.flatMap((a) => (a.status === "rejected" ? [a.reason as unknown] : []));
    // Only the addresses found are ever connected to, so one family failing (broken AAAA servers are common) is safe.
    if (found.length === 0) {
      throw dnsError(hostname, failures.find((e) => !NO_RECORD.has((e as NodeJS.ErrnoException).code ?? "")) ?? failures[0]);
    }
    addresses = found;
  } else {
    try {
      addresses = (await dns.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (err) {
      throw dnsError(hostname, err);
    }
  }
  return [...new Set(addresses)];
}
