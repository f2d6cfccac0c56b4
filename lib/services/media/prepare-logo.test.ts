import assert from "node:assert/strict";
import { describe, test } from "node:test";
import sharp from "sharp";
import { AppError } from "../../errors";
import { LOGO_MAX_BYTES } from "../../schemas/media";
import { LOGO_MAX_SIDE, prepareLogo } from "./prepare-logo";
import { sanitizeSvg } from "./sanitize-svg";
import { sniffImageType } from "./sniff";

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } }).png().toBuffer().then((b) => new Uint8Array(b));

async function refusal(bytes: Uint8Array) {
  try {
    await prepareLogo(bytes);
  } catch (err) {
    assert.ok(err instanceof AppError);
    return { status: err.status, ...err.body };
  }
  assert.fail("the file was accepted");
}

describe("sniffImageType", () => {
  test("knows PNG, JPEG, WebP and SVG by their content", async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: "#00f" } });
    assert.equal(sniffImageType(await png(4, 4)), "image/png");
    assert.equal(sniffImageType(new Uint8Array(await base.clone().jpeg().toBuffer())), "image/jpeg");
    assert.equal(sniffImageType(new Uint8Array(await base.clone().webp().toBuffer())), "image/webp");
    const svg = '<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>';
    assert.equal(sniffImageType(new TextEncoder().encode(svg)), "image/svg+xml");
  });

  test("refuses other files, whatever they would be called, and SVG with a document type declaration", async () => {
    assert.equal(sniffImageType(new TextEncoder().encode("GIF89a......")), null);
    assert.equal(sniffImageType(new TextEncoder().encode("<html><svg></svg></html>")), null);
    assert.equal(sniffImageType(new TextEncoder().encode("%PDF-1.7 <svg>")), null);
    assert.equal(sniffImageType(new TextEncoder().encode('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>')), null);
    assert.equal(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e])), null);
  });
});

describe("sanitizeSvg", () => {
  const dirty = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
    <script>alert(2)</script>
    <defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>
    <a href="javascript:alert(3)"><circle cx="5" cy="5" r="4" fill="url(#g)"/></a>
    <rect width="2" height="2" onclick="alert(4)" fill="url(https://evil.example/x.svg#p)"/>
    <use xlink:href="https://evil.example/sprite.svg#icon"/>
    <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
    <image href="https://evil.example/pixel.png"/>
  </svg>`;

  test("removes scripts, event handlers, javascript: and outside links and foreignObject, and keeps the drawing", () => {
    const clean = sanitizeSvg(dirty);
    assert.ok(clean);
    for (const gone of ["<script", "alert(", "onload", "onclick", "javascript:", "foreignObject", "evil.example", "<image"]) {
      assert.ok(!clean.includes(gone), `${gone} in ${clean}`);
    }
    assert.match(clean, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(clean, /viewBox="0 0 10 10"/);
    assert.match(clean, /<circle[^>]*fill="url\(#g\)"/);
    assert.match(clean, /<linearGradient id="g">/);
  });

  test("a file that is not an SVG drawing leaves nothing", () => {
    assert.equal(sanitizeSvg("<p>hello</p>"), null);
    assert.equal(sanitizeSvg("<svg xmlns='http://www.w3.org/2000/svg'/><svg xmlns='http://www.w3.org/2000/svg'/>"), null);
  });
});

describe("prepareLogo", () => {
  test("scales a large picture down to fit 256×256, keeping its proportions, and drops its metadata", async () => {
    const withMetadata = await sharp({ create: { width: 1024, height: 512, channels: 3, background: "#0a0" } })
      .withExif({ IFD0: { Artist: "Someone private", Copyright: "secret place" } })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(withMetadata).metadata()).exif, "the upload carries EXIF");
    const { contentType, bytes } = await prepareLogo(new Uint8Array(withMetadata));
    assert.equal(contentType, "image/jpeg");
    const out = await sharp(bytes).metadata();
    assert.equal(out.width, LOGO_MAX_SIDE);
    assert.equal(out.height, LOGO_MAX_SIDE / 2);
    assert.equal(out.exif, undefined);
    assert.ok(!Buffer.from(bytes).includes("Someone private"));
  });

  test("leaves a small picture at its size, encoded afresh in its own format", async () => {
    const { contentType, bytes } = await prepareLogo(await png(40, 30));
    assert.equal(contentType, "image/png");
    const out = await sharp(bytes).metadata();
    assert.deepEqual([out.format, out.width, out.height], ["png", 40, 30]);
  });

  test("accepts exactly 1 MB and refuses one byte more with 413", async () => {
    const svgOf = (size: number) => {
      const head = '<svg xmlns="http://www.w3.org/2000/svg"><desc>';
      const tail = "</desc></svg>";
      return new TextEncoder().encode(head + "x".repeat(size - head.length - tail.length) + tail);
    };
    assert.equal(svgOf(LOGO_MAX_BYTES).length, LOGO_MAX_BYTES);
    assert.equal((await prepareLogo(svgOf(LOGO_MAX_BYTES))).contentType, "image/svg+xml");
    assert.deepEqual(await refusal(svgOf(LOGO_MAX_BYTES + 1)), {
      status: 413,
      type: "invalid_request",
      code: "request_too_large",
      detail: "The logo must be 1 MB or smaller.",
      attr: "logo",
    });
  });

  test("refuses a file that is not a supported image with 415, and a broken image likewise", async () => {
    const gif = await refusal(new TextEncoder().encode("GIF89a\x01\x00\x01\x00"));
    assert.equal(gif.status, 415);
    assert.equal(gif.detail, "Upload a PNG, JPEG, WebP or SVG image.");
    assert.equal(gif.attr, "logo");
    const truncated = (await png(300, 300)).subarray(0, 60);
    assert.equal((await refusal(truncated)).status, 415);
  });
});
