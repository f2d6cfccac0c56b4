import { route, routes } from "@/lib/http/route";
import { listActivityLog } from "@/lib/services/activity-log";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(listActivityLog) });
