import { PageSizes, rgb, type PDFDocument, type PDFPage } from "pdf-lib";
import { fontRuns, type CoveredFont, type FontSet, type Run } from "./pdf-fonts";

/** A4 with 2 cm side margins; the bottom margin leaves room for the footer line. */
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN_X = 57;
const MARGIN_TOP = 64;
const MARGIN_BOTTOM = 72;
const FOOTER_Y = 40;
const TEXT = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);

export type TextStyle = { bold?: boolean; size: number; muted?: boolean };

/** Lays text out top to bottom over as many A4 pages as it needs, wrapping words by their measured width. */
export class PdfWriter {
  private page: PDFPage;
  private y = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: FontSet,
  ) {
    this.page = this.newPage();
  }

  /** The width that text may fill between the margins. */
  get contentWidth(): number {
    return PAGE_WIDTH - 2 * MARGIN_X;
  }

  newPage(): PDFPage {
    this.page = this.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
    return this.page;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A wrapped paragraph, indented by `indent` points; each line moves to a new page when it would not fit. */
  paragraph(text: string, style: TextStyle, indent = 0): void {
    const lineHeight = style.size * 1.4;
    for (const line of this.wrap(text, style, this.contentWidth - indent)) {
      this.keep(lineHeight);
      this.y -= lineHeight;
      this.drawRuns(line, MARGIN_X + indent, this.y + lineHeight * 0.25, style);
    }
  }

  /** Label and value rows, the value wrapped in its own column; a row is never split across pages. */
  rows(rows: [label: string, value: string][], style: TextStyle, labelWidth: number): void {
    const lineHeight = style.size * 1.45;
    for (const [label, value] of rows) {
      const lines = this.wrap(value, style, this.contentWidth - labelWidth);
      this.keep(lineHeight * lines.length + 4);
      const top = this.y;
      for (const line of this.wrap(label, { ...style, bold: true, muted: true }, labelWidth - 8)) {
        this.y -= lineHeight;
        this.drawRuns(line, MARGIN_X, this.y + lineHeight * 0.25, { ...style, bold: true, muted: true });
      }
      const labelBottom = this.y;
      this.y = top;
      for (const line of lines) {
        this.y -= lineHeight;
        this.drawRuns(line, MARGIN_X + labelWidth, this.y + lineHeight * 0.25, style);
      }
      this.y = Math.min(this.y, labelBottom) - 4;
    }
  }

  /** A horizontal line across the text column (or `width` points of it). */
  rule(width = this.contentWidth): void {
    this.page.drawLine({ start: { x: MARGIN_X, y: this.y }, end: { x: MARGIN_X + width, y: this.y }, thickness: 0.6, color: MUTED });
  }

  /** Writes the footer on every page: `left` at the left margin and "Page n of m" at the right. */
  footers(left: string): void {
    const pages = this.pdf.getPages();
    const style: TextStyle = { size: 8, muted: true };
    pages.forEach((page, index) => {
      const right = this.runs(`Page ${index + 1} of ${pages.length}`, style);
      this.drawRuns(right, PAGE_WIDTH - MARGIN_X - this.width(right, style.size), FOOTER_Y, style, page);
      this.drawRuns(this.runs(left, style), MARGIN_X, FOOTER_Y, style, page);
    });
  }

  /** The text broken into lines no wider than `maxWidth`: at spaces, or inside a word that alone is too wide. */
  private wrap(text: string, style: TextStyle, maxWidth: number): Run[][] {
    const lines: string[] = [];
    let line = "";
    let lineWidth = 0;
    const measure = (s: string) => this.width(this.runs(s, style), style.size);
    for (const token of printable(text).split(/(\s+)/).filter(Boolean)) {
      const isSpace = /^\s+$/.test(token);
      const tokenWidth = measure(isSpace ? " " : token);
      if (lineWidth + tokenWidth <= maxWidth) {
        line += isSpace ? " " : token;
        lineWidth += tokenWidth;
        continue;
      }
      if (isSpace) continue;
      if (line.trim()) lines.push(line.trimEnd());
      line = "";
      lineWidth = 0;
      for (const char of tokenWidth <= maxWidth ? [token] : Array.from(token)) {
        const charWidth = measure(char);
        if (lineWidth + charWidth > maxWidth && line) {
          lines.push(line);
          line = "";
          lineWidth = 0;
        }
        line += char;
        lineWidth += charWidth;
      }
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
    return lines.map((l) => this.runs(l, style));
  }

  private chain(style: TextStyle): CoveredFont[] {
    const { regular, bold, cjk } = this.fonts;
    return [...(style.bold ? [bold, regular] : [regular]), ...(cjk ? [cjk] : [])];
  }

  private runs(text: string, style: TextStyle): Run[] {
    return fontRuns(text, this.chain(style));
  }

  private width(runs: Run[], size: number): number {
    return runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);
  }

  private drawRuns(runs: Run[], x: number, y: number, style: TextStyle, page = this.page): void {
    const color = style.muted ? MUTED : TEXT;
    for (const run of runs) {
      page.drawText(run.text, { x, y, size: style.size, font: run.font, color });
      x += run.font.widthOfTextAtSize(run.text, style.size);
    }
  }
}

/** Control characters (line breaks included) become spaces: a line of the PDF is drawn as one string. */
function printable(text: string): string {
  return text.normalize("NFC").replace(/[\p{Cc}\u2028\u2029]/gu, " ");
}
