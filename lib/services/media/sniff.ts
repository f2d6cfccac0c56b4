import type { LogoType } from "../../schemas/media";

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");

/**
 * An SVG document: optionally a byte-order mark, an XML declaration and comments, then the `<svg` root element.
 * A document type declaration is refused: it could define entities, and no logo needs one.
 */
const SVG_START = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>/]/;

/** The image type the bytes hold (by their signature, not a file name or a declared type), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  if (bytes.length >= 12 && startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "image/webp";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096));
  if (SVG_START.test(head) && !/<!DOCTYPE|<!ENTITY/i.test(new TextDecoder().decode(bytes))) return "image/svg+xml";
  return null;
}
