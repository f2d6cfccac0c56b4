import { levelExplanation, ownerChange, withArticle } from "@/lib/auth/level-explanation";
import { LEVEL_NAMES, type Level } from "@/lib/auth/permissions";

/** Making someone an owner, or an owner anything else, is confirmed first; other level changes apply at once. */
export const needsConfirmation = (from: Level, to: Level) => ownerChange(from, to) !== null;

/** The confirmation's words: what the person becomes, and what that level may do. */
export function levelChangeConfirmation(name: string, from: Level, to: Level) {
  const becomes = withArticle(LEVEL_NAMES[to].toLowerCase());
  const intro = ownerChange(from, to) === "promote" ? `${name} gets the highest level. As an owner, they may do this:` : `${name} stops being an owner. As ${becomes}, they may do this:`;
  return {
    title: `Make ${name} ${becomes}?`,
    confirmLabel: `Make ${LEVEL_NAMES[to].toLowerCase()}`,
    description: (
      <>
        <span className="block">{intro}</span>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {levelExplanation(to).map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </>
    ),
  };
}
