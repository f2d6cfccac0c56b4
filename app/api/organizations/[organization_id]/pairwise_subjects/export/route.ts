import { route, routes } from "@/lib/http/route";
import { exportPairwiseSubjects } from "@/lib/services/directory/pairwise-subjects";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: route(exportPairwiseSubjects) });
