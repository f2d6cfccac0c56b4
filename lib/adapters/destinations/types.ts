/** The contract every batch-export destination client keeps: stream one run's rows out, and test the connection step by step. */

/** A column of the exported model, as a table created by the Postgres destination holds it. */
export type ExportColumn = {
  name: string;
  /** A PostgreSQL type name (`text`, `timestamptz`, `jsonb`, `integer`, `text[]`…). */
  pgType: string;
};

/**
 * A JSON value as the database gave it, in text: a destination that stores JSON takes the text as it is, and
 * `JSON.stringify` writes the value it holds (parsed only then, so its objects live no longer than that call).
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** One exported row: the model's fields by column name (JSON as JsonText or a value); `id` identifies it across retries. */
export type ExportRow = Record<string, unknown> & { id: string };

export type ExportRunInput = {
  exportId: string;
  intervalStart: Date;
  intervalEnd: Date;
  /** Read once, as the destination writes: a run never holds more than a batch of rows. */
  rows: AsyncIterable<ExportRow>;
  signal?: AbortSignal;
};

/** What a run delivered: rows, and bytes as sent (compressed for S3, COPY text for Postgres, JSON bodies for HTTP). */
export type ExportRunResult = { rows: number; bytes: number };

export type TestStep = { name: string; description: string };

export type TestStepResult = {
  name: string;
  result: { status: "Passed" | "Failed"; message: string | null };
};

export interface Destination {
  /**
   * Delivers every row of one interval; running the same interval again replaces what an earlier, failed or not, attempt
   * delivered (S3 object overwritten, Postgres rows upserted, HTTP batches with the same ids). Throws DestinationError.
   */
  exportRun(input: ExportRunInput): Promise<ExportRunResult>;
  /** The connectivity checks, in order: reach the endpoint, authenticate, write a probe, remove it. */
  testSteps(): TestStep[];
  /** Runs one check; a failure is a `Failed` result with a message for the admin, never a throw (but for a bad index). */
  runTestStep(index: number): Promise<TestStepResult>;
}

/** Why a run failed, in words an admin can act on (it ends up in the run's error and logs). */
export class DestinationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DestinationError";
  }
}

/** The message of any thrown value, for run errors and test-step results. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Runs step `index` of `steps`, turning a throw into a Failed result; an index out of range is a caller's bug. */
export async function runStep(steps: { step: TestStep; run: () => Promise<void> }[], index: number): Promise<TestStepResult> {
  const entry = steps[index];
  if (!Number.isInteger(index) || !entry) throw new RangeError(`There is no test step ${index}; steps are 0 to ${steps.length - 1}.`);
  try {
    await entry.run();
    return { name: entry.step.name, result: { status: "Passed", message: null } };
  } catch (err) {
    return { name: entry.step.name, result: { status: "Failed", message: errorMessage(err) } };
  }
}

/** Throws the signal's reason as a DestinationError when the run was cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new DestinationError("The run was cancelled.", { cause: signal.reason });
}
