import { route, routes } from "@/lib/http/route";
import { listOutbox } from "@/lib/services/outbox";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(listOutbox) });
