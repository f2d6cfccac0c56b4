import { env, type Env } from "../env";
import { destinationClients, type DestinationClients } from "./destinations";

export { destinationClients };
import { dnsResolverFor, type DnsResolver } from "./dns";
import { esignFor, type EsignProvider } from "./esign";
import { mailTransportFor, type MailTransport } from "./mail";
import { storageFor, type ObjectStorage } from "./storage";

/**
 * Every outside system Orgdeck talks to, as operations and jobs reach it (`ctx.adapters`). Built once per
 * configuration by `createAdapters`; tests build their own (or pass fakes) instead of changing globals.
 */
export type Adapters = {
  /** Null when no transport is configured: messages are held in the outbox for admins to read. */
  mail: MailTransport | null;
  /** Stored files: STORAGE_URL's folder or bucket; unset, a private folder under the data folder (memory for `memory://`). */
  storage: ObjectStorage;
  /** TXT lookups for domain verification: DNS_SERVERS, else the system's resolvers. */
  dns: DnsResolver;
  /** Who collects signatures on legal documents: Orgdeck's own signing page (default) or PandaDoc. */
  esign: EsignProvider;
  /** Batch-export destination clients (S3, Postgres, HTTP); tests substitute their own. Unset: the real ones. */
  destinations?: DestinationClients;
};

export function createAdapters(settings: Env = env()): Adapters {
  return {
    mail: mailTransportFor(settings.SMTP_URL),
    storage: storageFor(settings),
    dns: dnsResolverFor(settings.DNS_SERVERS),
    esign: esignFor(settings),
    destinations: destinationClients,
  };
}

const store = globalThis as typeof globalThis & { __orgdeckAdapters?: { settings: Env; adapters: Adapters } };

/** The adapters for the current configuration (rebuilt when the configuration is re-read, as tests do). */
export function defaultAdapters(): Adapters {
  const settings = env();
  if (store.__orgdeckAdapters?.settings !== settings) store.__orgdeckAdapters = { settings, adapters: createAdapters(settings) };
  return store.__orgdeckAdapters.adapters;
}

/** Whether this server can send email (an SMTP transport is configured); without one, messages wait in the outbox. */
export const emailConfigured = () => defaultAdapters().mail !== null;
