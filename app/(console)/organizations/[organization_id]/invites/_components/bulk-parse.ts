import { LEVEL_LABELS, LEVELS, MEMBER, roleOf, type Level } from "@/lib/auth/permissions";
import { inviteLevelDenial } from "@/lib/auth/rules";
import { createInviteInput, MAX_BULK_INVITES } from "@/lib/schemas/invites";
import { issueToError } from "@/lib/schemas/parse";

/** One person of a bulk invitation, as pasted or read from a CSV line, with what is wrong with it (if anything). */
export type BulkRow = { line: number; target_email: string; level: Level; first_name: string; error: string | null };

/** The words a CSV may name a level by: its number (8), its API label (administrator) or its role (admin). */
const LEVEL_WORDS = new Map<string, Level>(LEVELS.flatMap((level) => [String(level), LEVEL_LABELS[level], roleOf(level)].map((word) => [word, level] as const)));

const unquote = (field: string) => field.trim().replace(/^"(.*)"$/, "$1").trim();

type Raw = { line: number; email: string; level: string; firstName: string };

/**
 * A line is either addresses separated by commas, semicolons, tabs or spaces ("a@x.test, b@x.test"), or a CSV row
 * `email[,level][,first_name]`. A header row starting with "email" is skipped.
 */
function rawRows(text: string): Raw[] {
  return text.split(/\r?\n/).flatMap((source, index): Raw[] => {
    const line = index + 1;
    const fields = source.split(/[,;\t]/).map(unquote);
    if (fields.every((f) => f === "")) return [];
    if (index === 0 && fields[0].toLowerCase() === "email") return [];
    const addresses = source.split(/[,;\t\s]+/).map(unquote).filter(Boolean);
    if (addresses.every((a) => a.includes("@"))) return addresses.map((email) => ({ line, email, level: "", firstName: "" }));
    return [{ line, email: fields[0], level: fields[1] ?? "", firstName: fields[2] ?? "" }];
  });
}

/** Every row, checked as the server will check it (the same schema), plus the level ceiling and repeats. */
export function parseBulk(text: string, viewerLevel: Level): BulkRow[] {
  const seen = new Set<string>();
  return rawRows(text).map(({ line, email, level: word, firstName }) => {
    const level = word === "" ? MEMBER : LEVEL_WORDS.get(word.toLowerCase());
    const row: BulkRow = { line, target_email: email, level: level ?? MEMBER, first_name: firstName, error: null };
    const parsed = createInviteInput.safeParse({ target_email: email, level: row.level, first_name: firstName }, { reportInput: true });
    const key = email.toLowerCase();
    const ceiling = inviteLevelDenial(viewerLevel, row.level);
    if (level === undefined) row.error = `Unknown level “${word}”: use member, admin or owner.`;
    else if (!parsed.success) row.error = issueToError(parsed.error.issues[0] as Parameters<typeof issueToError>[0]).body.detail;
    else if (ceiling) row.error = ceiling.hint;
    else if (seen.has(key)) row.error = "Listed twice.";
    seen.add(key);
    return row;
  });
}

/** Why the valid rows cannot be sent as one request, or null. */
export function batchProblem(valid: number): string | null {
  if (valid === 0) return "Add at least one valid address.";
  if (valid > MAX_BULK_INVITES) return `At most ${MAX_BULK_INVITES} people at a time: remove ${valid - MAX_BULK_INVITES}.`;
  return null;
}

/** The row a bulk error names (its `attr` is `__<index>__<field>`, index among the rows sent). */
export function erroredIndex(attr: string | null): number | null {
  const match = attr?.match(/^__(\d+)/);
  return match ? Number(match[1]) : null;
}
