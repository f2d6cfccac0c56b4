import { route, routes } from "@/lib/http/route";
import { listBatchExportBackfills } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listBatchExportBackfills),
});
