import { route, routes } from "@/lib/http/route";
import { listBatchExportLogs } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listBatchExportLogs),
});
