import { z } from "zod";
import { echo } from "../errors";
import { paginated, timestamp, withoutNul } from "./common";

/** Hosts a redirect URI may reach over plain http: the user's own machine, where a native or CLI app listens. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;
export const REDIRECT_URI_MAX_LENGTH = 1000;
export const MAX_REDIRECT_URIS = 20;

/**
 * Why a redirect URI is refused, or null: it must be absolute (`scheme://…`), https (http only on a loopback host),
 * without a fragment, a user name or a password, and without whitespace (the URIs are stored space-separated).
 */
export function redirectUriProblem(uri: string): string | null {
  const shown = `"${echo(uri)}"`;
  if (/\s/.test(uri)) return `Redirect URIs cannot contain spaces: ${shown}.`;
  let url: URL | null = null;
  try {
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? new URL(uri) : null;
  } catch {
    url = null;
  }
  if (!url || !url.hostname) return `Enter an absolute URI such as https://example.com/callback: ${shown} is not one.`;
  const loopback = (LOOPBACK_HOSTS as readonly string[]).includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return `Redirect URIs must use https (http only on localhost, 127.0.0.1 or [::1]): ${shown}.`;
  }
  if (uri.includes("#")) return `Redirect URIs cannot have a fragment (#): ${shown}.`;
  if (url.username || url.password) return `Redirect URIs cannot carry a user name or password: ${shown}.`;
  return null;
}

/** A non-empty list of redirect URIs; every problem is reported on the list itself, duplicates are dropped. */
const redirectUrisList = z
  .array(withoutNul(z.string()))
  .min(1)
  .max(MAX_REDIRECT_URIS)
  .superRefine((uris, ctx) => {
    for (const uri of uris) {
      if (uri.length > REDIRECT_URI_MAX_LENGTH) {
        ctx.addIssue({ code: "too_big", origin: "string", maximum: REDIRECT_URI_MAX_LENGTH, inclusive: true, input: uri, message: "too long" });
        return;
      }
      const problem = redirectUriProblem(uri);
      if (problem) {
        ctx.addIssue({ code: "custom", input: uri, message: problem });
        return;
      }
    }
  })
  .transform((uris) => [...new Set(uris)])
  .meta({ description: "Absolute URIs: https, or http on localhost, 127.0.0.1 or [::1]; no fragment; each at most 1,000 characters." });

const name = withoutNul(z.string().trim().min(1).max(255));

export const SECTOR_IDENTIFIER_URI_MAX_LENGTH = 2048;

/**
 * Why a sector identifier URI is refused, or null: an absolute https URL (http only on a loopback host, for
 * development), without a fragment, a user name or a password (OpenID Connect Dynamic Client Registration §2).
 */
export function sectorIdentifierUriProblem(uri: string): string | null {
  const shown = `"${echo(uri)}"`;
  let url: URL | null = null;
  try {
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) && !/\s/.test(uri) ? new URL(uri) : null;
  } catch {
    url = null;
  }
  if (!url || !url.hostname) return `Enter an absolute URL such as https://example.com/sector.json: ${shown} is not one.`;
  const loopback = (LOOPBACK_HOSTS as readonly string[]).includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return `The sector identifier URI must use https (http only on localhost, 127.0.0.1 or [::1]): ${shown}.`;
  }
  if (uri.includes("#")) return `The sector identifier URI cannot have a fragment (#): ${shown}.`;
  if (url.username || url.password) return `The sector identifier URI cannot carry a user name or password: ${shown}.`;
  return null;
}

/** Null (or absent) for none; otherwise a URL whose JSON array of URIs the server fetches and checks on save. */
const sectorIdentifierUri = withoutNul(z.string().trim().max(SECTOR_IDENTIFIER_URI_MAX_LENGTH))
  .superRefine((uri, ctx) => {
    const problem = sectorIdentifierUriProblem(uri);
    if (problem) ctx.addIssue({ code: "custom", input: uri, message: problem });
  })
  .nullable()
  .meta({
    description:
      "OpenID Connect's sector identifier URI: https (http only on localhost, 127.0.0.1 or [::1]). On save it is fetched and must answer a JSON array of URIs holding every redirect URI; its host is then the application's sector. Null for none.",
  });

export const createOAuthApplicationInput = z.object({ name, redirect_uris_list: redirectUrisList, sector_identifier_uri: sectorIdentifierUri.optional() });
export const updateOAuthApplicationInput = createOAuthApplicationInput.partial();
export const oauthApplicationIdInput = z.object({ id: z.string() });
export const updateOAuthApplicationByIdInput = updateOAuthApplicationInput.extend({ id: z.string() });

/** The request body of POST, for the OpenAPI document. */
export const CreateOrganizationOAuthApplication = createOAuthApplicationInput.meta({ id: "CreateOrganizationOAuthApplication" });
/** The request body of PATCH, for the OpenAPI document. */
export const PatchedOrganizationOAuthApplication = updateOAuthApplicationInput.meta({ id: "PatchedOrganizationOAuthApplication" });

const applicationFields = {
  id: z.uuid(),
  name: z.string(),
  client_id: z.string(),
  redirect_uris_list: z.array(z.string()),
  sector_identifier_uri: z.string().nullable().meta({ description: "When set, its host (not the redirect URIs') is the application's OpenID Connect sector." }),
  is_verified: z.boolean().meta({ description: "Set by the instance's operator, not by the organization." }),
  created: timestamp,
  updated: timestamp,
};

/** An OAuth client the organization registered; its secret is never shown again after creation or rotation. */
export const OrganizationOAuthApplication = z.strictObject(applicationFields).meta({ id: "OrganizationOAuthApplication" });
export type OrganizationOAuthApplication = z.infer<typeof OrganizationOAuthApplication>;

/** An application just created or given a new secret: the only time the secret is shown. */
export const OrganizationOAuthApplicationWithSecret = z
  .strictObject({ ...applicationFields, client_secret: z.string().meta({ description: "Shown in this response only." }) })
  .meta({ id: "OrganizationOAuthApplicationWithSecret" });

export const PaginatedOrganizationOAuthApplicationList = paginated(OrganizationOAuthApplication, "OrganizationOAuthApplication");
