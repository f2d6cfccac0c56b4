import { levelExplanation } from "@/lib/auth/level-explanation";
import { LEVEL_NAMES, LEVELS } from "@/lib/auth/permissions";

/** What each level may do, under the member list, for everyone (the level menu shows it to those who change levels). */
export function LevelsExplained() {
  return (
    <details className="mt-6 rounded-lg border border-line bg-surface px-4 py-3">
      <summary className="cursor-pointer font-medium">What each level may do</summary>
      <dl className="mt-3 space-y-3">
        {LEVELS.map((level) => (
          <div key={level}>
            <dt className="font-medium">{LEVEL_NAMES[level]}</dt>
            <dd className="text-muted">{levelExplanation(level).join(" ")}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
