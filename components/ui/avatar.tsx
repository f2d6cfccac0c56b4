"use client";

import { useState } from "react";

type Person = { first_name: string; last_name: string; email: string; picture?: string | null };
const SIZES = { sm: "size-6 text-[0.625rem]", md: "size-8 text-xs", lg: "size-12 text-base" } as const;

/** "Ada Lovelace" → "AL"; without a name, the first letter of the address. */
export function initials({ first_name, last_name, email }: Person) {
  const letters = [first_name, last_name].map((part) => part.trim().charAt(0)).join("");
  return (letters || email.charAt(0)).toUpperCase();
}

/**
 * A person's picture (from their identity provider) or, without one or when it fails to load, their initials.
 * Decorative: the name is always written beside it.
 */
export function Avatar({ person, size = "md" }: { person: Person; size?: keyof typeof SIZES }) {
  const [broken, setBroken] = useState(false);
  const shape = `inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full ${SIZES[size]}`;
  if (person.picture && !broken) {
    // A plain <img>: identity providers' picture hosts are not known in advance for next/image.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={person.picture} alt="" aria-hidden="true" referrerPolicy="no-referrer" onError={() => setBroken(true)} className={`${shape} object-cover`} />;
  }
  return (
    <span aria-hidden="true" className={`${shape} bg-subtle font-semibold text-muted`}>
      {initials(person)}
    </span>
  );
}
