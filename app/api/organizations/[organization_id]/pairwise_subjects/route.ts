import { route, routes } from "@/lib/http/route";
import { listPairwiseSubjects } from "@/lib/services/directory/pairwise-subjects";

export const { GET, POST, PUT, PATCH, DELETE } = routes({ GET: route(listPairwiseSubjects) });
