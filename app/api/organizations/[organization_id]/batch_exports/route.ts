import { route, routes } from "@/lib/http/route";
import { createBatchExport, listBatchExports } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: route(listBatchExports),
  POST: route(createBatchExport, { status: 201 }),
});
