import { route, routes } from "@/lib/http/route";
import { listMyActivityLog } from "@/lib/services/activity-log";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(listMyActivityLog) });
