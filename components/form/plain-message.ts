import type { ErrorBody } from "@/lib/errors";

/** "Email address (optional)" → "an email address". */
function nounOf(label: string) {
  const noun = label.replace(/\s*\(optional\)\s*$/i, "").trim();
  const lower = /^[A-Z][a-z]/.test(noun) ? noun[0].toLowerCase() + noun.slice(1) : noun;
  return `${/^[aeiou]/i.test(lower) ? "an" : "a"} ${lower}`;
}

/**
 * A field error in the words of the form it appears in ("Enter a name", "Use 30 characters or fewer") instead of the
 * API's generic phrase ("This field may not be blank."). The API's own body is unchanged; only the console rewords it.
 * `label` is the field's visible label; `choice` is true for a menu or a set of options.
 */
export function plainMessage(error: Pick<ErrorBody, "code" | "detail">, label: string | null, choice = false): string {
  const noun = label ? nounOf(label) : null;
  const maximum = /no more than (\d+) characters/.exec(error.detail)?.[1];
  switch (error.code) {
    case "required":
    case "blank":
    case "null":
      if (!noun) return "Fill this in.";
      return choice ? `Choose ${noun}.` : `Enter ${noun}.`;
    case "max_length":
      return maximum ? `Use ${maximum} characters or fewer.` : "This is too long.";
    case "invalid_choice":
      return noun ? `Choose ${noun} from the list.` : "Choose one of the options.";
  }
  if (error.detail === "A valid integer is required.") return "Enter a whole number.";
  if (error.detail === "Not a valid string." || error.detail === "Invalid input.") return noun ? `Check ${noun.replace(/^an? /, "the ")}.` : "Check this value.";
  return error.detail;
}
