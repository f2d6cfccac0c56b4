import { route, routes } from "@/lib/http/route";
import { getMe, updateMe } from "@/lib/services/users";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(getMe), PATCH: route(updateMe) });
