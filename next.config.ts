import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `/x` and `/x/` answer alike: the trailing slash is optional on every route, with no redirect either way.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino", "tsx", "oidc-provider"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
