/** Orgdeck's mark, the same drawing as the favicon (public/favicon.svg). Decorative: the name is written beside it. */
export function LogoMark({ className = "size-6" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="7" fill="#4f46e5" />
      <path d="M9 11h14M9 16h14M9 21h9" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" fill="none" />
    </svg>
  );
}
