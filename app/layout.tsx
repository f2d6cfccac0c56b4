import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/auth/return-path";
import { env } from "@/lib/env";
import { CANONICAL_PATH_HEADER } from "@/lib/http/canonical-host";
import { THEME_SCRIPT } from "@/components/shell/theme-script";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Orgdeck", template: "%s · Orgdeck" },
  description: "Organization management: members, invitations, domains, SSO, SCIM and API keys.",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const requestHeaders = await headers();
  // A page reached under another host than SITE_URL's (the proxy names its path) opens on SITE_URL instead.
  const offSite = requestHeaders.get(CANONICAL_PATH_HEADER);
  if (offSite) redirect(`${env().SITE_URL}${safeReturnPath(offSite, env().SITE_URL)}`);
  // The proxy's per-request nonce: the Content-Security-Policy runs only scripts that carry it.
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  return (
    // The theme script sets `.dark` before hydration, so React must not complain that the class differs.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
