import "server-only";
import { directoryFamily } from "./families/directory";
import { createRouter } from "./router";

/** The directory API's route handlers (`/directory/...`): the same operations, the directory family's answers. */
export const { route: directoryRoute, routes: directoryRoutes, unknownPath: unknownDirectoryPath } = createRouter(directoryFamily);
