import { LogoMark } from "./logo-mark";

/** Orgdeck's name with its mark, as the pages outside the console show it. */
export function Wordmark({ className = "" }: { className?: string }) {
  return (
    <p className={`flex items-center gap-2 text-base font-semibold tracking-tight ${className}`}>
      <LogoMark />
      Orgdeck
    </p>
  );
}
