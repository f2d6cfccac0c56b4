import { route, routes } from "@/lib/http/route";
import { runTestStep } from "@/lib/services/batch-exports";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: route(runTestStep),
});
