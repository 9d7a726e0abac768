import { describe, expect, it } from "vitest";
import { markCount, parseXml, svgTexts } from "./xml.js";

describe("test XML parser", () => {
  it("parses a well-formed SVG", () => {
    const root = parseXml(`<?xml version="1.0"?><svg a="1" b='x &amp; y'><!-- c --><g class="mark-symbol role-mark m"><path d="M0"/><path d="M1"/></g><text>a &lt; b</text></svg>`);
    expect(root.name).toBe("svg");
    expect(root.attrs.b).toBe("x &amp; y");
    expect(svgTexts(root)).toEqual(["a &lt; b"]);
    expect(markCount(root, "symbol")).toBe(2);
  });
  it("rejects what is not well-formed", () => {
    expect(() => parseXml("<svg><g></svg>")).toThrow(/closes <g>/);
    expect(() => parseXml("<svg><g>")).toThrow(/unclosed <g>/);
    expect(() => parseXml("<svg a=1></svg>")).toThrow(/malformed attribute/);
    expect(() => parseXml('<svg a="1" a="2"></svg>')).toThrow(/duplicate attribute/);
    expect(() => parseXml("<svg>a & b</svg>")).toThrow(/bad entity/);
    expect(() => parseXml("<svg></svg><svg></svg>")).toThrow(/second root/);
    expect(() => parseXml("text")).toThrow(/outside the root/);
  });
});
