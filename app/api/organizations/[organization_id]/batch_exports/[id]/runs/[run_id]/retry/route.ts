import { route, routes } from "@/lib/http/route";
import { retryBatchExportRun } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: route(retryBatchExportRun),
});
