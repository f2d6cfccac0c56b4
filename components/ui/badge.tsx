type Tone = "neutral" | "accent" | "warn" | "ok" | "danger";

const TONES: Record<Tone, string> = {
  neutral: "bg-subtle text-muted",
  accent: "bg-subtle text-accent-text",
  warn: "bg-warn-bg text-warn-text",
  ok: "bg-ok-bg text-ok-text",
  danger: "bg-danger-bg text-danger-text",
};

/** A small label beside a name: a level, a state. */
export function Badge({ tone = "neutral", children }: { tone?: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}
