/** Rules of an export's definition shared by create, PATCH and the test steps: filters per model, the window, queries. */
import { AppError, invalidInput } from "../../errors";
import { MODEL_FILTER_KEYS, type BatchExportFilters, type BatchExportModel } from "../../schemas/batch-exports";

/** The filters as stored: only the keys given, each a list; null when there are none. Keys of another model are refused. */
export function checkFilters(model: BatchExportModel, filters: BatchExportFilters | null | undefined): Record<string, unknown> | null {
  if (!filters) return null;
  const given = Object.entries(filters).filter(([, value]) => value !== undefined);
  for (const [key] of given) {
    if (!(MODEL_FILTER_KEYS[model] as readonly string[]).includes(key)) {
      throw invalidInput(`The filter "${key}" does not apply to the model "${model}".`, `filters__${key}`);
    }
  }
  return given.length ? Object.fromEntries(given) : null;
}

/** `end_at` must come after `start_at` when both are set. */
export function checkWindow(startAt: Date | null, endAt: Date | null) {
  if (startAt && endAt && endAt <= startAt) throw invalidInput("end_at must be later than start_at.", "end_at");
}

/** Exports select rows with `filters`; a query language is not supported, so only an empty query is accepted. */
export function checkQuery(query: string | null | undefined) {
  if (query && query.trim()) throw new AppError("invalid_input", { detail: "Queries are not supported: select rows with filters.", attr: "hogql_query" });
}

export const toDate = (value: string | null | undefined) => (value ? new Date(value) : null);
