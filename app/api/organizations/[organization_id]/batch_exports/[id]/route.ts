import { route, routes } from "@/lib/http/route";
import { deleteBatchExport, getBatchExport, updateBatchExport } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(getBatchExport),
  PATCH: route(updateBatchExport),
  DELETE: route(deleteBatchExport, { status: 204 }),
});
