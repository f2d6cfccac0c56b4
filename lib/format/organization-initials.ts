/** "Acme Widgets Inc" → "AW"; one word gives its first letter: what stands in for an organization without a logo. */
export function organizationInitials(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => [...w][0]).join("") || "?").toUpperCase();
}
