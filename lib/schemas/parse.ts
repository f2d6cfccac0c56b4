import type { z } from "zod";
import { AppError, echo } from "../errors";

type Issue = z.core.$ZodIssue & { input?: unknown };

/** The name Python gives a JSON value's type, which the error messages use ("got list"). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "object":
      return "dict";
    default:
      return typeof value;
  }
}

function invalidTypeDetail(expected: string, input: unknown): string {
  switch (expected) {
    case "string":
      return "Not a valid string.";
    case "boolean":
      return "Must be a valid boolean.";
    case "int":
    case "number":
      return "A valid integer is required.";
    case "array":
      return `Expected a list of items but got type "${jsonTypeName(input)}".`;
    case "object":
      return `Invalid data. Expected a dictionary, but got ${jsonTypeName(input)}.`;
    default:
      return "Invalid input.";
  }
}

/** Turns the first zod issue into the API's field error; only the first error is reported. */
export function issueToError(issue: Issue): AppError {
  const attr = issue.path.length ? issue.path.map(String).join("__") : null;
  const custom = (issue as { params?: { code?: string } }).params?.code;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return new AppError("required", { attr });
      if (issue.input === null) return new AppError("null", { attr });
      return new AppError("invalid_input", { detail: invalidTypeDetail(issue.expected, issue.input), attr });
    case "too_big":
      if (issue.origin === "string")
        return new AppError("max_length", { detail: `Ensure this field has no more than ${issue.maximum} characters.`, attr });
      if (issue.origin === "array")
        return new AppError("max_length", { detail: `Ensure this field has no more than ${issue.maximum} elements.`, attr });
      return new AppError("invalid_input", { detail: `Ensure this value is less than or equal to ${issue.maximum}.`, attr });
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return new AppError("blank", { attr });
      if (issue.origin === "array") return new AppError("invalid_input", { detail: "This list may not be empty.", attr });
      return new AppError("invalid_input", { detail: `Ensure this value is greater than or equal to ${issue.minimum}.`, attr });
    case "invalid_value":
      // A missing choice field is missing, not an invalid choice of "undefined".
      if (issue.input === undefined && issue.path.length > 0) return new AppError("required", { attr });
      return new AppError("invalid_choice", { detail: `"${echo(issue.input)}" is not a valid choice.`, attr });
    case "invalid_format": {
      const detail =
        issue.format === "email"
          ? "Enter a valid email address."
          : issue.format === "uuid"
            ? `"${echo(issue.input)}" is not a valid UUID.`
            : issue.format === "datetime"
              ? "Datetime has wrong format. Use ISO 8601, e.g. 2021-08-08T20:20:08Z."
              : issue.message;
      return new AppError("invalid_input", { detail, attr });
    }
    case "custom":
      return custom === "invalid_choice"
        ? new AppError("invalid_choice", { detail: issue.message, attr })
        : new AppError("invalid_input", { detail: issue.message, attr });
    default:
      return new AppError("invalid_input", { detail: issue.message, attr });
  }
}

/** Validates wire input against a schema; the first problem becomes a 400 in the documented error body. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw issueToError(result.error.issues[0] as Issue);
}
