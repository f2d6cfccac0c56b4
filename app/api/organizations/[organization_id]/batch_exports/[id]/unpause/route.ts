import { route, routes } from "@/lib/http/route";
import { unpauseBatchExport } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: route(unpauseBatchExport),
});
