"use client";

import { useState } from "react";
import { organizationInitials } from "@/lib/format/organization-initials";

const SIZES = { sm: "size-6 text-[0.625rem]", md: "size-8 text-xs", lg: "size-16 text-xl" } as const;

/**
 * An organization's logo, or its initials without one (or when the image fails to load). Decorative by default, since
 * the name is written beside it; `label` names it where it stands alone.
 */
export function OrganizationLogo({ name, src, size = "md", label }: { name: string; src?: string | null; size?: keyof typeof SIZES; label?: string }) {
  const [broken, setBroken] = useState<string | null>(null);
  const shape = `inline-flex shrink-0 items-center justify-center overflow-hidden rounded-md ${SIZES[size]}`;
  const a11y = label ? { role: "img", "aria-label": label } : { "aria-hidden": true };
  if (src && broken !== src) {
    // A plain <img>: the image route decides access per request, so next/image's optimiser cannot fetch it.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={src} alt={label ?? ""} {...(label ? {} : { "aria-hidden": true })} data-logo="image" onError={() => setBroken(src)} className={`${shape} bg-surface object-contain`} />;
  }
  return (
    <span {...a11y} data-logo="initials" className={`${shape} bg-accent font-semibold text-on-accent`}>
      {organizationInitials(name)}
    </span>
  );
}
