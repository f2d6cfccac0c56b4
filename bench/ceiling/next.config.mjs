import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository: node_modules (next, react, postgres) and bench/queries.mjs live under it. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The framework ceiling of bench/api.mjs: the settings of our next.config.ts that touch an API request. */
const nextConfig = {
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["postgres"],
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
