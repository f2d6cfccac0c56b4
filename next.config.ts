import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `/x` and `/x/` answer alike: the trailing slash is optional on every route, with no redirect either way.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino", "tsx", "oidc-provider", "sharp", "jsdom", "dompurify"],
  // A logo may be 1 MB: the upload's form data must get through so the operation can answer with its own message.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
