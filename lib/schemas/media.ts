import { z } from "zod";

/** The largest logo accepted, in bytes (1 MB). */
export const LOGO_MAX_BYTES = 1024 * 1024;

/** The image types a logo may be, recognised by their content, never by the file name. */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** What the file picker offers (the server still checks the content). */
export const LOGO_ACCEPT = [...LOGO_TYPES, ".png", ".jpg", ".jpeg", ".webp", ".svg"].join(",");

export const LOGO_TOO_LARGE = "The logo must be 1 MB or smaller.";
export const LOGO_UNSUPPORTED = "Upload a PNG, JPEG, WebP or SVG image.";

/** The stored logo's bytes, as the operation takes them (the console reads the chosen file into them). */
export const setOrganizationLogoInput = z.object({ logo: z.instanceof(Uint8Array, { message: "Choose an image file." }) });

/** The console's path of an uploaded image; it answers members of its organization. */
export const mediaPath = (mediaId: string) => `/media/${mediaId}`;
