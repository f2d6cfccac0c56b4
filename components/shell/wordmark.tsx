/** Orgdeck's name with its mark, as the pages outside the console show it. */
export function Wordmark({ className = "" }: { className?: string }) {
  return (
    <p className={`flex items-center gap-2 text-base font-semibold tracking-tight ${className}`}>
      <span aria-hidden="true" className="grid size-6 place-items-center rounded bg-accent text-xs text-on-accent">
        O
      </span>
      Orgdeck
    </p>
  );
}
