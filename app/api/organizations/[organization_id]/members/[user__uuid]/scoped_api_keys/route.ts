import { route, routes } from "@/lib/http/route";
import { getMemberScopedApiKeys } from "@/lib/services/members";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(getMemberScopedApiKeys) });
