import path from "node:path";
import { z } from "zod";
import { parseDnsServers } from "./adapters/dns/servers";
import { checkStorageUrl } from "./adapters/storage/url";
import { parseTrustedProxies } from "./http/client-address";

/** An optional setting read by `parse`, whose error message (naming the bad part) becomes the setting's. */
function parsedBy<T>(parse: (value: string | undefined) => T) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    });
}

/** 32 bytes written as 64 hex digits or as base64 (standard or URL-safe); unset stays unset. */
function parseEncryptionKey(value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("must be 32 bytes, written as 64 hex digits or as base64");
  return key;
}

/** Every setting Orgdeck reads, each with a default that works on a fresh clone. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  ORGDECK_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_SENSITIVE_ACTIONS_AGE: z.coerce.number().int().min(1).default(7200),
  /** A session's absolute lifetime in seconds from its sign-in, however active it stays (the sliding one is 30 days). */
  SESSION_MAX_AGE: z.coerce.number().int().min(60).default(30 * 24 * 60 * 60),
  /** Abuse limits, counted in the database so every instance shares them. */
  RATE_LIMIT_INVITES_PER_HOUR: z.coerce.number().int().min(1).default(500),
  RATE_LIMIT_SIGNINS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Failed client authentications at `/oauth/token` per client id, and per client address, per minute. */
  RATE_LIMIT_OAUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Directory availability checks (`GET /directory/orgs/domains`) per caller per minute. */
  RATE_LIMIT_DIRECTORY_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** How long a service account's access token lives, in seconds (at most an hour). */
  ORGDECK_OAUTH_TOKEN_LIFETIME: z.coerce.number().int().min(60).max(3600).default(3600),
  /** Days between signing-key rotations; the old key stays published until its last token expires. */
  ORGDECK_OAUTH_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Seconds a service account's previous client secret keeps working after a rotation. */
  ORGDECK_SERVICE_ACCOUNT_SECRET_OVERLAP: z.coerce.number().int().min(0).max(30 * 86_400).default(86_400),
  /** The most projects (demo projects aside) one organization may have. */
  ORGDECK_MAX_PROJECTS_PER_ORG: z.coerce.number().int().min(1).default(2000),
  /** Proxies in front of the server: a number of hops, or addresses/CIDRs; unset, the socket's peer is the client. */
  TRUSTED_PROXIES: parsedBy(parseTrustedProxies),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Sign-in: any standard OpenID Connect provider. Unset, the bundled development provider is started. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  DEV_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** `1` starts the bundled development identity provider even when SITE_URL is not a loopback URL; `0` never starts it. */
  ORGDECK_DEV_IDP: z.enum(["0", "1"]).optional(),
  /** `1` trusts the identity provider's email addresses without an `email_verified: true` claim (e.g. Entra ID). */
  OIDC_TRUST_EMAILS: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
  /** Email: `smtp://user:pass@host:587` or `smtps://…`. Unset, messages stay in the in-app outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  EMAIL_FROM: z.string().min(3).max(320).optional(),
  /** The DNS servers for domain verification: `host:port` or `host` (port 53), comma-separated; unset, the system's. */
  DNS_SERVERS: parsedBy(parseDnsServers),
  /** `1` lets outbound requests reach http:// and private, loopback or link-local addresses (tests, closed networks). */
  ORGDECK_ALLOW_PRIVATE_URLS: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
  /** The key that encrypts stored secrets (webhook signing secrets…): 32 bytes as base64 or hex; unset, derived from the instance secret. */
  ORGDECK_ENCRYPTION_KEY: parsedBy(parseEncryptionKey),
  /**
   * The key of pairwise subject identifiers (OpenID Connect's per-sector `sub`): at least 32 characters. Unset, derived
   * from the instance secret; set it before ever changing AUTH_SECRET, since every pairwise subject changes with its key.
   */
  ORGDECK_PAIRWISE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Seconds before a failed webhook delivery's first retry; later retries wait four times longer each, for a day in all. */
  ORGDECK_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /** Webhook requests each instance has in flight at once, from a sender of their own beside the other background jobs. */
  ORGDECK_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /**
   * Where stored files (signed legal documents…) live: unset, a private folder under the data folder; `file:///path`, a
   * folder every instance shares; `s3://bucket?endpoint=…&region=…&force_path_style=true`, an S3-compatible bucket.
   */
  STORAGE_URL: parsedBy(checkStorageUrl),
  STORAGE_ACCESS_KEY_ID: z.string().min(1).optional(),
  STORAGE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Who collects signatures on legal documents: `local` (Orgdeck's own signing page, emailed) or `pandadoc`. */
  ESIGN_PROVIDER: z.enum(["local", "pandadoc"]).default("local"),
  PANDADOC_API_KEY: z.string().min(1).optional(),
  PANDADOC_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://api.pandadoc.com"),
  PANDADOC_BAA_TEMPLATE_ID: z.string().min(1).optional(),
  PANDADOC_DPA_TEMPLATE_ID: z.string().min(1).optional(),
  /** The shared key PandaDoc signs its webhook calls with (HMAC-SHA256 of the raw body). */
  PANDADOC_WEBHOOK_SECRET: z.string().min(1).optional(),
});

export type Env = Omit<z.infer<typeof schema>, "SITE_URL"> & {
  SITE_URL: string;
  /** The origin of SITE_URL, compared against Origin/Referer on cookie-authenticated writes. */
  SITE_ORIGIN: string;
  /** Absolute path of ORGDECK_DATA_DIR. */
  DATA_DIR: string;
  /** Whether the bundled development identity provider starts: no OIDC_ISSUER, and a loopback SITE_URL or ORGDECK_DEV_IDP=1. */
  DEV_IDP: boolean;
};

const LOOPBACK_HOSTS = /^(localhost|\[::1\]|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** A URL on this machine only: localhost, 127.x.x.x or [::1]. */
export function isLoopbackUrl(url: string) {
  return LOOPBACK_HOSTS.test(new URL(url).hostname);
}

export class EnvError extends Error {}

let cached: Env | undefined;

/** Parses process.env on first use (run time, never build time); an invalid value names its variable. */
export function env(): Env {
  if (cached) return cached;
  const source = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const value = parsed.data;
  if (value.OIDC_ISSUER && !value.OIDC_CLIENT_ID) {
    throw new EnvError("Invalid configuration: OIDC_CLIENT_ID is required when OIDC_ISSUER is set");
  }
  if (value.OIDC_CLIENT_ID && !value.OIDC_ISSUER) {
    throw new EnvError("Invalid configuration: OIDC_ISSUER is required when OIDC_CLIENT_ID is set");
  }
  if (!value.STORAGE_ACCESS_KEY_ID !== !value.STORAGE_SECRET_ACCESS_KEY) {
    throw new EnvError("Invalid configuration: STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY are set together or not at all");
  }
  if (value.ESIGN_PROVIDER === "pandadoc") {
    for (const name of ["PANDADOC_API_KEY", "PANDADOC_BAA_TEMPLATE_ID", "PANDADOC_DPA_TEMPLATE_ID", "PANDADOC_WEBHOOK_SECRET"] as const) {
      if (!value[name]) throw new EnvError(`Invalid configuration: ${name} is required when ESIGN_PROVIDER is pandadoc`);
    }
  }
  const siteUrl = (value.SITE_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, "");
  // The development provider lets anyone sign in as anyone: a site reachable from elsewhere must name a real one.
  if (!value.OIDC_ISSUER && !isLoopbackUrl(siteUrl) && value.ORGDECK_DEV_IDP !== "1") {
    throw new EnvError(
      "Invalid configuration: OIDC_ISSUER is required when SITE_URL is not a loopback URL (set OIDC_ISSUER and OIDC_CLIENT_ID to your identity provider; ORGDECK_DEV_IDP=1 starts the development one, which lets anyone sign in as anyone)",
    );
  }
  cached = {
    ...value,
    SITE_URL: siteUrl,
    SITE_ORIGIN: new URL(siteUrl).origin,
    DATA_DIR: path.resolve(value.ORGDECK_DATA_DIR),
    DEV_IDP: !value.OIDC_ISSUER && (value.ORGDECK_DEV_IDP === "1" || (value.ORGDECK_DEV_IDP === undefined && isLoopbackUrl(siteUrl))),
  };
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
