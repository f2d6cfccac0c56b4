/** The file's name for every client: plain ASCII in `filename` (what `curl -J` reads), exact in `filename*` (RFC 6266). */
export function contentDisposition(disposition: "attachment" | "inline", filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  // RFC 5987 leaves ' ( ) * out of a value's plain characters, which encodeURIComponent keeps.
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
