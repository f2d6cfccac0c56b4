import { AppError } from "../../errors";
import { LOGO_MAX_BYTES, LOGO_TOO_LARGE, LOGO_UNSUPPORTED, type LogoType } from "../../schemas/media";
import { sniffImageType } from "./sniff";

/** Raster logos are scaled down to fit this square (never up), keeping their proportions. */
export const LOGO_MAX_SIDE = 256;

export type PreparedImage = { contentType: LogoType; bytes: Uint8Array };

const unsupported = (detail = LOGO_UNSUPPORTED) => new AppError("unsupported_media_type", { detail, attr: "logo" });

/**
 * Makes an uploaded file safe to store and serve as a logo: at most 1 MB, a PNG, JPEG, WebP or SVG by its content;
 * raster images scaled to fit 256×256 and encoded afresh (no metadata kept, only the first frame of an animation);
 * SVG cleaned of scripts, handlers and outside references. Anything else is refused (413 or 415, attr `logo`).
 */
export async function prepareLogo(bytes: Uint8Array): Promise<PreparedImage> {
  if (bytes.length > LOGO_MAX_BYTES) throw new AppError("request_too_large", { detail: LOGO_TOO_LARGE, attr: "logo" });
  const type = sniffImageType(bytes);
  if (!type) throw unsupported();
  if (type === "image/svg+xml") {
    const { sanitizeSvg } = await import("./sanitize-svg");
    const clean = sanitizeSvg(new TextDecoder().decode(bytes));
    if (!clean) throw unsupported("This SVG file has no image in it that can be shown.");
    return { contentType: type, bytes: new TextEncoder().encode(clean) };
  }
  return { contentType: type, bytes: await resizeRaster(bytes, type) };
}

async function resizeRaster(bytes: Uint8Array, type: Exclude<LogoType, "image/svg+xml">) {
  const { default: sharp } = await import("sharp");
  try {
    // limitInputPixels refuses decompression bombs: a small file that would decode to a huge image.
    const image = sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" })
      .rotate()
      .resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: "inside", withoutEnlargement: true });
    const encoded = type === "image/png" ? image.png() : type === "image/jpeg" ? image.jpeg({ quality: 85, mozjpeg: true }) : image.webp({ quality: 85 });
    return new Uint8Array(await encoded.toBuffer());
  } catch {
    throw unsupported("This image could not be read. Upload a PNG, JPEG, WebP or SVG image.");
  }
}
