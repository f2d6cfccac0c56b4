import createDOMPurify, { type DOMPurify } from "dompurify";
import { JSDOM } from "jsdom";

/**
 * Removes what could run or reach out from an SVG: scripts, event handlers, foreignObject, embedded images and style
 * sheets, and every link (`href`, `xlink:href`, `url(…)`) that is not to a fragment of the document itself.
 * Returns the cleaned document, or null when nothing that is an `<svg>` element is left.
 */
export function sanitizeSvg(source: string): string | null {
  const { purify, window } = instance();
  const body = purify.sanitize(source, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["style", "image", "foreignObject", "script", "a"],
    RETURN_DOM: true,
  });
  const roots = [...body.children];
  if (roots.length !== 1 || roots[0].localName !== "svg" || roots[0].namespaceURI !== SVG_NS) return null;
  return new window.XMLSerializer().serializeToString(roots[0]);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** A reference is allowed only to an element of the same document (`#id`, `url(#id)`). */
const isFragment = (value: string) => value.trim().startsWith("#");
const EXTERNAL_URL = /url\s*\(\s*(?!['"]?\s*#)/i;

let cached: { purify: DOMPurify; window: JSDOM["window"] } | undefined;

function instance() {
  if (cached) return cached;
  const { window } = new JSDOM("");
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    const name = data.attrName.toLowerCase();
    if ((name === "href" || name === "xlink:href") && !isFragment(data.attrValue)) data.keepAttr = false;
    if (EXTERNAL_URL.test(data.attrValue)) data.keepAttr = false;
  });
  cached = { purify, window };
  return cached;
}
