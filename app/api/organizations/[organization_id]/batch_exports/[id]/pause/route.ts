import { route, routes } from "@/lib/http/route";
import { pauseBatchExport } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: route(pauseBatchExport),
});
