import "server-only";
import { apiFamily } from "./families/api";
import { createRouter } from "./router";

export type { RouteContext } from "./router";

/** The `/api` family's route handlers: `route(operation)`, `routes({GET, POST…})` with 405s, and the JSON 404. */
export const { route, routes, unknownPath } = createRouter(apiFamily);
