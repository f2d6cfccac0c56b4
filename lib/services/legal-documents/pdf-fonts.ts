import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type Subset = ReturnType<ReturnType<Fontkit["create"]>["createSubset"]>;

/**
 * The Unicode fonts the signed PDF embeds, read from npm packages (never fetched): DejaVu Sans covers Latin (with
 * Latin Extended), Greek and Cyrillic; Noto Sans SC covers the CJK ideographs and kana, and is embedded only when the
 * text has them, because even subset it is the heavier of the two.
 */
const FILES = {
  regular: { pkg: "dejavu-fonts-ttf", file: "ttf/DejaVuSans.ttf", name: "ORGDKR+DejaVuSans" },
  bold: { pkg: "dejavu-fonts-ttf", file: "ttf/DejaVuSans-Bold.ttf", name: "ORGDKB+DejaVuSans-Bold" },
  cjk: { pkg: "@expo-google-fonts/noto-sans-sc", file: "400Regular/NotoSansSC_400Regular.ttf", name: "ORGDKC+NotoSansSC-Regular" },
} as const;

type FontName = keyof typeof FILES;

/** Ideographs, kana, CJK punctuation and full-width forms: the characters that need the CJK font. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The absolute path of a file inside an installed package. Resolved from this module first; a bundler may have moved
 * this code into a build folder (where `import.meta.url` can point elsewhere), so the working directory, the
 * project root under `next start`, is the fallback.
 */
export function packageFile(pkg: string, file: string): string {
  const bases = [import.meta.url, path.join(process.cwd(), "package.json")];
  for (const base of bases) {
    try {
      return path.join(path.dirname(createRequire(base).resolve(`${pkg}/package.json`)), file);
    } catch {
      continue;
    }
  }
  throw new Error(`The font package ${pkg} is not installed`);
}

const bytesCache = new Map<FontName, Promise<Uint8Array>>();

/** A font file's bytes, read once per process. */
function fontBytes(name: FontName): Promise<Uint8Array> {
  let bytes = bytesCache.get(name);
  if (!bytes) {
    // The path is only known at run time; without the comment the build would trace (and ship) the whole project.
    bytes = readFile(/* turbopackIgnore: true */ packageFile(FILES[name].pkg, FILES[name].file));
    // A failed read is not cached, so that a later render tries again.
    bytes.catch(() => bytesCache.delete(name));
    bytesCache.set(name, bytes);
  }
  return bytes;
}

const coverageCache = new Map<FontName, Set<number>>();

/** The code points a font has glyphs for, computed once per process. */
function coverage(name: FontName, font: PDFFont): Set<number> {
  let set = coverageCache.get(name);
  if (!set) coverageCache.set(name, (set = new Set(font.getCharacterSet())));
  return set;
}

/** A font of the set together with the characters it can draw. */
export type CoveredFont = { font: PDFFont; covers: Set<number> };

export type FontSet = { regular: CoveredFont; bold: CoveredFont; cjk: CoveredFont | null };

/** Whether any of the strings has a character that only the CJK font can draw. */
export function needsCjk(strings: Iterable<string>): boolean {
  for (const s of strings) if (CJK.test(s)) return true;
  return false;
}

/**
 * Embeds the fonts as subsets (only the glyphs drawn end up in the file), with the CJK font only when asked. Each gets
 * a fixed name with a subset tag, where pdf-lib would add a random suffix: the same document gives the same bytes.
 */
export async function embedFonts(pdf: PDFDocument, withCjk: boolean): Promise<FontSet> {
  pdf.registerFontkit(evenGlyphFontkit);
  // Ligatures off: a ligature glyph stands for two letters, and text extraction and search should see the letters.
  const embed = async (name: FontName): Promise<CoveredFont> => {
    const font = await pdf.embedFont(await fontBytes(name), { subset: true, customName: FILES[name].name, features: { liga: false } });
    return { font, covers: coverage(name, font) };
  };
  // One after the other: the order of embedding numbers the PDF objects, and a race would change the bytes.
  const regular = await embed("regular");
  const bold = await embed("bold");
  return { regular, bold, cjk: withCjk ? await embed("cjk") : null };
}

/** A stretch of text drawn in one font. */
export type Run = { text: string; font: PDFFont };

/**
 * Splits text into runs, picking for each character the first font of the chain that has it (whitespace stays in the
 * current run). A character that no font has goes to the first font, which draws its missing-glyph box.
 */
export function fontRuns(text: string, chain: CoveredFont[]): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const last = runs.at(-1);
    const pick = last && /\s/.test(char) ? last.font : (chain.find((f) => f.covers.has(cp)) ?? chain[0]).font;
    if (last && last.font === pick) last.text += char;
    else runs.push({ text: char, font: pick });
  }
  return runs;
}

/**
 * fontkit with one fix to its TrueType subsetter, which copies each glyph's bytes as they are and, for a small subset,
 * writes the short `loca` table that stores offsets halved: after a glyph of odd length (legal in a font with the long
 * table, as Noto Sans SC has) every later offset points a byte off and those glyphs draw as blanks. Padding each
 * glyph to an even length keeps the offsets exact.
 */
export const evenGlyphFontkit: Fontkit = {
  create(buffer, postscriptName) {
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => padGlyphs(createSubset());
    return font;
  },
};

function padGlyphs(subset: Subset): Subset {
  const internals = subset as unknown as { _addGlyph?: (gid: number) => number; glyf: Uint8Array[]; offset: number };
  const addGlyph = internals._addGlyph;
  // Only the TrueType subsetter has this step; a CFF (OpenType) font's subset is left alone.
  if (!addGlyph) return subset;
  internals._addGlyph = function (this: typeof internals, gid: number) {
    const index = addGlyph.call(this, gid);
    const bytes = this.glyf[index];
    if (bytes.length % 2 === 1) {
      // Made by the glyph's own Buffer class: fontkit bundles its own, and its encoder refuses any other.
      const padded = (bytes.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(bytes.length + 1);
      padded.set(bytes);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  return subset;
}
