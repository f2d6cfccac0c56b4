import { unknownDirectoryPath } from "@/lib/http/directory-route";

export {
  unknownDirectoryPath as GET,
  unknownDirectoryPath as POST,
  unknownDirectoryPath as PUT,
  unknownDirectoryPath as PATCH,
  unknownDirectoryPath as DELETE,
};
