"use server";

import { action } from "@/lib/actions/action";
import {
  backfillBatchExport,
  createBatchExport,
  deleteBatchExport,
  pauseBatchExport,
  retryBatchExportRun,
  runTestStep,
  runTestStepNew,
  unpauseBatchExport,
  updateBatchExport,
} from "@/lib/services/batch-exports";

export const createBatchExportAction = action(createBatchExport);
export const updateBatchExportAction = action(updateBatchExport);
export const deleteBatchExportAction = action(deleteBatchExport);
export const pauseBatchExportAction = action(pauseBatchExport);
export const unpauseBatchExportAction = action(unpauseBatchExport);
export const backfillBatchExportAction = action(backfillBatchExport);
export const retryBatchExportRunAction = action(retryBatchExportRun);
export const runTestStepNewAction = action(runTestStepNew);
export const runTestStepAction = action(runTestStep);
