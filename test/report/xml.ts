/**
 * A tiny, strict XML parser for the tests (no dependency): elements, attributes (quoted), text, comments and the
 * prolog. Throws on anything not well-formed: mismatched or unclosed tags, unquoted or duplicate attributes,
 * bad entities, stray '<'.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITY = /&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);/g;

function checkText(s: string, at: number): string {
  const stray = s.replace(ENTITY, "");
  if (stray.includes("&")) throw new Error(`bad entity near offset ${at}`);
  if (stray.includes("<")) throw new Error(`stray '<' near offset ${at}`);
  return s;
}

function parseAttrs(src: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let rest = src.trim();
  while (rest.length) {
    const m = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
    if (!m) throw new Error(`malformed attribute near offset ${at}: ${rest.slice(0, 40)}`);
    if (m[1] in attrs) throw new Error(`duplicate attribute ${m[1]} near offset ${at}`);
    attrs[m[1]] = checkText(m[3] ?? m[4], at);
    rest = rest.slice(m[0].length).trimStart();
  }
  return attrs;
}

/** Parse a document; returns the root element. */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < doc.length) {
    const lt = doc.indexOf("<", i);
    const text = doc.slice(i, lt < 0 ? doc.length : lt);
    if (text.trim()) {
      if (!stack.length) throw new Error(`text outside the root near offset ${i}`);
      stack[stack.length - 1].text += checkText(text, i);
    }
    if (lt < 0) break;
    if (doc.startsWith("<?", lt)) { i = doc.indexOf("?>", lt) + 2; if (i < 2) throw new Error("unclosed <?"); continue; }
    if (doc.startsWith("<!--", lt)) { i = doc.indexOf("-->", lt) + 3; if (i < 3) throw new Error("unclosed comment"); continue; }
    const gt = doc.indexOf(">", lt);
    if (gt < 0) throw new Error(`unclosed tag at offset ${lt}`);
    const inner = doc.slice(lt + 1, gt);
    i = gt + 1;
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}> at offset ${lt}`);
      continue;
    }
    const selfClosing = inner.endsWith("/");
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const m = NAME.exec(body);
    if (!m) throw new Error(`bad tag name at offset ${lt}`);
    const el: XmlElement = { name: m[0], attrs: parseAttrs(body.slice(m[0].length), lt), children: [], text: "" };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error(`second root element <${el.name}> at offset ${lt}`);
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error("no root element");
  return root;
}

/** All elements of a tree, depth first. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

/** Texts of all <text> elements. */
export function svgTexts(root: XmlElement): string[] {
  return allElements(root).filter((e) => e.name === "text").map((e) => e.text);
}

/** Number of drawn items in the data-mark groups whose class contains `mark-<type> role-mark`. */
export function markCount(root: XmlElement, type: string): number {
  return allElements(root)
    .filter((e) => (e.attrs.class ?? "").includes(`mark-${type} role-mark`))
    .reduce((s, g) => s + g.children.length, 0);
}
