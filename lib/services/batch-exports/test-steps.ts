/** Connection tests of destinations: the steps a type runs, and running one of them against a definition or a stored export. */
import { USER_CALLERS } from "../../auth/principal";
import { AppError, invalidInput } from "../../errors";
import { batchExportDestination, DESTINATION_TYPES, type BatchExportDestination, type DestinationType } from "../../schemas/batch-export-destinations";
import { runTestStepInput, runTestStepNewInput, testDescriptionInput, type BatchExportModel } from "../../schemas/batch-exports";
import { destinationClients, type Adapters } from "../../adapters";
import { operation } from "../operation";
import { MODEL_COLUMNS } from "./models";
import { exportOf, parseDestination, storedDestination } from "./rows";

/** A config of each type that parses, for listing its steps: building a client connects to nothing. */
const PLACEHOLDERS: Record<DestinationType, unknown> = {
  S3: { bucket_name: "example", aws_access_key_id: "example", aws_secret_access_key: "example" },
  Postgres: { host: "example.com", database: "example", user: "example", password: "", table_name: "example" },
  HTTP: { url: "https://example.com/" },
};

const isType = (value: string): value is DestinationType => (DESTINATION_TYPES as readonly string[]).includes(value);

/**
 * The test steps of a destination type, in order (any member; keys need the literal INTERNAL scope). No type is 400
 * and an unknown one 404, both with an empty body.
 */
export const describeDestinationTest = operation({
  permission: "batch_export:test_steps",
  callers: USER_CALLERS,
  input: testDescriptionInput,
  run: async ({ adapters }, { destination }) => {
    if (!destination) throw new AppError("destination_required");
    if (!isType(destination)) throw new AppError("destination_unknown");
    const client = (adapters.destinations ?? destinationClients).for(batchExportDestination.parse({ type: destination, config: PLACEHOLDERS[destination] }), { columns: MODEL_COLUMNS.events });
    return { steps: client.testSteps() };
  },
});

async function runStep(adapters: Adapters, destination: BatchExportDestination, model: BatchExportModel, step: number) {
  const client = (adapters.destinations ?? destinationClients).for(destination, { columns: MODEL_COLUMNS[model] });
  const count = client.testSteps().length;
  if (step >= count) throw invalidInput(`Ensure this value is less than or equal to ${count - 1}.`, "step");
  return client.runTestStep(step);
}

/** Runs one test step against a definition not saved yet (administrators; keys need the literal INTERNAL scope). */
export const runTestStepNew = operation({
  permission: "batch_export:test",
  callers: USER_CALLERS,
  input: runTestStepNewInput,
  run: async ({ adapters }, input) => runStep(adapters, parseDestination(input.destination), input.model ?? "events", input.step),
});

/**
 * Runs one test step against a stored export (administrators; keys need the literal INTERNAL scope); a destination in
 * the body of the same type is merged over the stored config, secrets included.
 */
export const runTestStep = operation({
  permission: "batch_export:test",
  callers: USER_CALLERS,
  input: runTestStepInput,
  run: async ({ db, organization, adapters }, { id, step, destination, model }) => {
    const row = await exportOf(db, organization.id, id);
    const stored = await storedDestination(db, row);
    const merged = destination && destination.type === stored.type ? parseDestination({ type: stored.type, config: { ...stored.config, ...destination.config } }) : destination ? parseDestination(destination) : stored;
    return runStep(adapters, merged, model ?? (row.model as BatchExportModel), step);
  },
});
