"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";

type Section = { title: string; links: { href: string; label: string }[] };

/**
 * The console's sections, only those that exist. Organization sections point at the organization of the URL when the
 * person belongs to it, else at the current one (a page of an organization that does not exist, or is not theirs,
 * never gets that organization's sections); a person with no organization sees only their account.
 */
export function SidebarNav({ currentOrganizationId, organizationIds }: { currentOrganizationId: string | null; organizationIds: string[] }) {
  const pathname = usePathname();
  const params = useParams<{ organization_id?: string }>();
  const fromUrl = params.organization_id?.toLowerCase();
  const organizationId = fromUrl && organizationIds.includes(fromUrl) ? fromUrl : currentOrganizationId;
  const sections: Section[] = [
    ...(organizationId
      ? [
          {
            title: "Organization",
            links: [
              { href: `/organizations/${organizationId}/settings`, label: "Settings" },
              { href: `/organizations/${organizationId}/members`, label: "Members" },
              { href: `/organizations/${organizationId}/invites`, label: "Invites" },
              { href: `/organizations/${organizationId}/domains`, label: "Domains & SSO" },
              { href: `/organizations/${organizationId}/projects`, label: "Projects" },
              { href: `/organizations/${organizationId}/integrations`, label: "Integrations" },
              { href: `/organizations/${organizationId}/batch-exports`, label: "Batch exports" },
              { href: `/organizations/${organizationId}/oauth-applications`, label: "OAuth applications" },
              { href: `/organizations/${organizationId}/service-accounts`, label: "Service accounts" },
              { href: `/organizations/${organizationId}/roles`, label: "Roles" },
              { href: `/organizations/${organizationId}/sectors`, label: "Sectors" },
              { href: `/organizations/${organizationId}/legal-documents`, label: "Legal documents" },
              { href: `/organizations/${organizationId}/activity`, label: "Activity log" },
              { href: `/organizations/${organizationId}/outbox`, label: "Outbox" },
            ],
          },
        ]
      : []),
    {
      title: "Account",
      links: [
        { href: "/account/profile", label: "Profile" },
        { href: "/account/api-keys", label: "Personal API keys" },
      ],
    },
  ];
  return (
    <nav aria-label="Main" className="space-y-5 py-1">
      {sections.map((section) => (
        <div key={section.title}>
          <p id={`nav-${section.title}`} className="px-2 pb-1 text-xs font-medium text-muted">
            {section.title}
          </p>
          <ul aria-labelledby={`nav-${section.title}`} className="space-y-0.5">
            {section.links.map((link) => {
              const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-2 py-1.5 ${active ? "bg-subtle font-medium text-fg" : "text-muted hover:bg-subtle hover:text-fg"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
