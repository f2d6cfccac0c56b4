import { getHandle, isMemoryDataDir } from "../../db/client";
import { DataDirLockedError } from "../../db/lock";
import { startJobRunner } from "../jobs/start";
import { startAdminListener } from "../cli/admin-listener";
import { startDevIdp } from "../../scripts/dev-idp/server";
import { oidcSettings, registerDevelopmentIdp } from "../auth/oidc-settings";
import { env, type Env } from "../env";
import { log } from "../log";
import { getAuthSecret } from "../services/instance";
import { maintainSigningKeys } from "../services/service-accounts/signing-keys";
import { assignIssuerToLegacyIdentities } from "../services/sign-in";
import { stampPeerAddresses } from "./peer-address";

/**
 * The bundled identity provider, when OIDC_ISSUER is unset and the site is on loopback (`npm start` and `npm run dev`
 * on a fresh clone), or when ORGDECK_DEV_IDP=1.
 */
async function startDevelopmentIdp(config: Env) {
  try {
    const idp = await startDevIdp({
      port: config.DEV_IDP_PORT,
      dataDir: isMemoryDataDir() ? null : config.DATA_DIR,
      redirectUri: `${config.SITE_URL}/api/auth/callback/oidc`,
      postLogoutUri: `${config.SITE_URL}/signin`,
    });
    registerDevelopmentIdp({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    log.info({ issuer: idp.issuer }, "development identity provider listening (set OIDC_ISSUER to use your own)");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      fail(`DEV_IDP_PORT ${config.DEV_IDP_PORT} is already in use: the development identity provider cannot start. Choose another DEV_IDP_PORT or set OIDC_ISSUER.`);
    }
    fail(`The development identity provider failed to start: ${(err as Error).message}`, err);
  }
}

function fail(message: string, err?: unknown): never {
  log.fatal({ err }, message);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * Runs once before the server answers its first request: configuration, database (locked, migrated),
 * the shared secret, the job runner (which delivers mail), and the CLI handoff file. Any failure stops the
 * process with a message that names it.
 */
export async function startServer() {
  let config;
  try {
    config = env();
  } catch (err) {
    fail((err as Error).message);
  }
  // next-auth builds its callback and redirect URLs from AUTH_URL: SITE_URL, never the Host a request names.
  process.env.AUTH_URL = `${config.SITE_ORIGIN}/api/auth`;
  stampPeerAddresses();
  let handle;
  try {
    handle = await getHandle();
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      fail(`ORGDECK_DATA_DIR ${config.DATA_DIR} is in use by another process (pid ${err.holderPid}); stop it or choose another folder.`);
    }
    fail(`Database start-up failed (${config.DATABASE_URL ? "DATABASE_URL" : "ORGDECK_DATA_DIR"}): ${(err as Error).message}`, err);
  }
  await getAuthSecret(handle.db);
  // The JWKS is never empty: the first signing key exists before the first request (the job keeps the schedule after).
  await maintainSigningKeys(handle.db, new Date());
  if (config.DEV_IDP) await startDevelopmentIdp(config);
  const oidc = oidcSettings();
  if (oidc) await assignIssuerToLegacyIdentities(handle.db, oidc.issuer);
  startJobRunner(handle.db);
  // With PostgreSQL the CLI could open the database itself, but handing off is quicker than starting it (the tests).
  if (!isMemoryDataDir()) await startAdminListener(config.DATA_DIR);
  log.info({ database: handle.kind, site_url: config.SITE_URL, port: config.PORT }, "Orgdeck is ready");
}
