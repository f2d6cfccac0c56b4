import { route, routes } from "@/lib/http/route";
import { exportActivityLog } from "@/lib/services/activity-export";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(exportActivityLog) });
