/**
 * The bundled development identity provider: a real OpenID Connect provider (npm oidc-provider) on loopback,
 * started by the app when OIDC_ISSUER is unset on a loopback SITE_URL (or ORGDECK_DEV_IDP=1), so that a fresh clone
 * can sign in; it answers only requests addressed to a loopback host. Any email signs in;
 * a checkbox puts `mfa` in the ID token's `amr`, another sends `email_verified: false`, and an optional picture URL
 * becomes the `picture` claim. Its client and signing keys are kept in the data folder.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { canonicalEmail } from "../../lib/schemas/common";
import { loginPage } from "./login-page";

export type DevIdp = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

type Stored = { clientSecret: string; cookieKeys: string[]; jwk: Record<string, unknown> };

export const DEV_CLIENT_ID = "orgdeck-console";

/** Keys and the client secret survive restarts when the data folder is on disk (sessions at the app stay valid). */
function loadOrCreateState(dir: string | null): Stored {
  const file = dir ? path.join(dir, "dev-idp.json") : null;
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Stored;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const state: Stored = {
    clientSecret: randomBytes(32).toString("base64url"),
    cookieKeys: [randomBytes(32).toString("base64url")],
    jwk: { ...privateKey.export({ format: "jwk" }), kid: randomBytes(8).toString("hex"), use: "sig", alg: "RS256" },
  };
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  }
  return state;
}

type Profile = { email: string; email_verified: boolean; given_name: string; family_name: string; picture: string };

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error("form too large"));
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

/**
 * Only requests addressed to this machine by name (Host localhost, 127.x.x.x or [::1]) are answered: a request that
 * reached the port through a proxy or a rebinding DNS name is refused before oidc-provider sees it.
 */
export function isLoopbackHost(host: string | undefined) {
  const name = host?.match(/^(\[[^\]]*\]|[^:]*)(?::\d+)?$/)?.[1]?.toLowerCase();
  return !!name && /^(localhost|\[::1\]|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.test(name);
}


export async function startDevIdp(options: { port: number; dataDir: string | null; redirectUri: string; postLogoutUri: string }): Promise<DevIdp> {
  const { default: Provider } = await import("oidc-provider");
  const issuer = `http://127.0.0.1:${options.port}`;
  const state = loadOrCreateState(options.dataDir);
  const profiles = new Map<string, Profile>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        client_secret: state.clientSecret,
        client_name: "Orgdeck",
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [state.jwk as never] },
    cookies: { keys: state.cookieKeys },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    // `amr` must be listed, or oidc-provider leaves it out of the ID token and no sign-in ever counts as two-factor.
    claims: { openid: ["sub", "amr"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name", "picture"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const profile = profiles.get(sub) ?? { email: sub, email_verified: true, given_name: "", family_name: "", picture: "" };
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: profile.email,
          email_verified: profile.email_verified,
          given_name: profile.given_name || undefined,
          family_name: profile.family_name || undefined,
          name: `${profile.given_name} ${profile.family_name}`.trim() || undefined,
          picture: profile.picture || undefined,
        }),
      };
    },
    // First-party client: consent is implied, so the grant is made on the spot.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    ttl: { Session: 60 * 60, Interaction: 60 * 60, Grant: 60 * 60 * 24, IdToken: 60 * 60, AccessToken: 60 * 10, AuthorizationCode: 60 },
  });
  provider.on("server_error", (_ctx, err) => console.error("dev identity provider error", err));

  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    if (!isLoopbackHost(req.headers.host)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
      return res.end("The development identity provider answers only on loopback addresses (localhost, 127.0.0.1, [::1]).");
    }
    const match = req.url?.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "POST" && match[2]) {
        const form = await readForm(req);
        const typed = (form.get("email") ?? "").trim();
        const email = canonicalEmail(typed);
        if (!email) {
          res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
          return res.end(loginPage({ uid: details.uid, clientName: "Orgdeck", email: typed.slice(0, 254), error: "Enter a valid email address." }));
        }
        profiles.set(email, {
          email,
          // A checkbox on the page sends `email_verified: false`, as a provider that never confirmed the address would.
          email_verified: !form.get("unverified"),
          given_name: (form.get("given_name") ?? "").trim().slice(0, 150),
          family_name: (form.get("family_name") ?? "").trim().slice(0, 150),
          // Sent as typed (the app decides what it accepts), so tests can also try pictures it must refuse.
          picture: (form.get("picture") ?? "").trim().slice(0, 4096),
        });
        const amr = form.get("mfa") ? ["pwd", "mfa"] : ["pwd"];
        return provider.interactionFinished(req, res, { login: { accountId: email, amr, remember: false } }, { mergeWithLastSubmission: false });
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage({ uid: details.uid, clientName: "Orgdeck", email: String(details.params.login_hint ?? "") }));
    } catch (err) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(`This sign-in attempt has expired or is invalid; start again from the console. (${(err as Error).message})`);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    clientId: DEV_CLIENT_ID,
    clientSecret: state.clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
