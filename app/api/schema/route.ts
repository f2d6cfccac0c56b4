import { routes } from "@/lib/http/route";
import { serveApiDocument } from "@/lib/openapi/serve";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: serveApiDocument });
