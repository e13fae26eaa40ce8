import { escapeXmlAttr, escapeXmlText } from './xml-text.js';

/** An element tree small enough for feed documents: children are elements or text, never both mixed with elements. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string | undefined>;
  children: XmlElement[] | string;
}

type Child = XmlElement | undefined | false;

/** An element with element children; `undefined`/`false` children are skipped so callers can write conditionals inline. */
export function element(name: string, attrs: Record<string, string | undefined>, children: (Child | Child[])[] = []): XmlElement {
  const kept: XmlElement[] = [];
  for (const child of children) {
    if (Array.isArray(child)) {
      for (const c of child) if (c) kept.push(c);
    } else if (child) kept.push(child);
  }
  return { name, attrs, children: kept };
}

/** An element holding only text. */
export function textElement(name: string, text: string, attrs: Record<string, string | undefined> = {}): XmlElement {
  return { name, attrs, children: text };
}

/** A UTF-8 XML document with two-space indentation and a final newline; attributes with undefined values are omitted. */
export function serializeXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${serializeElement(root, '')}\n`;
}

function serializeElement(node: XmlElement, indent: string): string {
  // Plain loops and concatenation: this runs for every element of every published document.
  let open = `${indent}<${node.name}`;
  for (const key in node.attrs) {
    const value = node.attrs[key];
    if (value !== undefined) open += ` ${key}="${escapeXmlAttr(value)}"`;
  }
  if (typeof node.children === 'string') {
    return node.children === '' ? `${open}/>` : `${open}>${escapeXmlText(node.children)}</${node.name}>`;
  }
  if (node.children.length === 0) return `${open}/>`;
  const inner = `${indent}  `;
  let text = `${open}>`;
  for (const child of node.children) text += `\n${serializeElement(child, inner)}`;
  return `${text}\n${indent}</${node.name}>`;
}
