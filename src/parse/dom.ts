// Reading the element tree of a feed document (domhandler nodes from htmlparser2 in
// XML mode): namespaces, xml:base, xml:lang and text, resolved the way XML readers do.
import { isCDATA, isTag, isText, type AnyNode, type Element } from 'domhandler';
import { conventionalVocabulary, vocabularyOfUri, type Vocabulary } from './namespaces.js';

const vocabularies = new WeakMap<Element, Vocabulary>();

/** The local part of a qualified name, lower-cased: feeds disagree on "pubDate" and "pubdate". */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** The vocabulary of an element, from the xmlns declarations in scope (or a conventional prefix left undeclared). */
export function vocabularyOf(element: Element): Vocabulary {
  let vocabulary = vocabularies.get(element);
  if (vocabulary === undefined) {
    const colon = element.name.indexOf(':');
    const prefix = colon < 0 ? '' : element.name.slice(0, colon);
    const uri = inScope(element, prefix === '' ? 'xmlns' : `xmlns:${prefix}`);
    if (uri === undefined) vocabulary = prefix === '' ? 'none' : conventionalVocabulary(prefix);
    else vocabulary = uri.trim() === '' ? 'none' : vocabularyOfUri(uri);
    vocabularies.set(element, vocabulary);
  }
  return vocabulary;
}

/** Whether `element` is `local` in one of `vocabularies`. */
export function isElement(element: Element, vocabularies: readonly Vocabulary[], local: string): boolean {
  return localName(element.name) === local && vocabularies.includes(vocabularyOf(element));
}

export function childElements(parent: Element): Element[] {
  return parent.children.filter(isTag);
}

// Each item is asked for a dozen fields, each by name: its children are indexed once.
const childIndexes = new WeakMap<Element, Map<string, Element[]>>();

export function childrenNamed(parent: Element, vocabularies: readonly Vocabulary[], local: string): Element[] {
  let index = childIndexes.get(parent);
  if (index === undefined) {
    index = new Map();
    for (const child of childElements(parent)) {
      const key = `${vocabularyOf(child)} ${localName(child.name)}`;
      const named = index.get(key);
      if (named === undefined) index.set(key, [child]);
      else named.push(child);
    }
    childIndexes.set(parent, index);
  }
  if (vocabularies.length === 1) return index.get(`${vocabularies[0]} ${local}`) ?? [];
  // Document order across vocabularies, as a feed lists them.
  const matches = vocabularies.flatMap((vocabulary) => index.get(`${vocabulary} ${local}`) ?? []);
  if (matches.length <= 1) return matches;
  const wanted = new Set(matches);
  return childElements(parent).filter((child) => wanted.has(child));
}

export function childNamed(parent: Element, vocabularies: readonly Vocabulary[], local: string): Element | undefined {
  return childElements(parent).find((child) => isElement(child, vocabularies, local));
}

/** Every element below `root` (document order) that `matches`, nested matches included. */
export function descendants(root: Element, matches: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isTag(child)) continue;
      if (matches(child)) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** The text of an element and its descendants (CDATA included); undefined when blank. */
export function textOf(element: Element | undefined): string | undefined {
  if (element === undefined) return undefined;
  const text = collectText(element.children);
  return text.trim() === '' ? undefined : text;
}

function collectText(nodes: AnyNode[]): string {
  return nodes.map((node) => (isText(node) ? node.data : isTag(node) || isCDATA(node) ? collectText(node.children) : '')).join('');
}

/** The first of `elements` that has text, trimmed. */
export function firstText(elements: Array<Element | undefined>): string | undefined {
  for (const element of elements) {
    const text = textOf(element)?.trim();
    if (text) return text;
  }
  return undefined;
}

/** An attribute by name; feeds vary the case of names like isPermaLink. */
export function attribute(element: Element | undefined, name: string): string | undefined {
  if (element === undefined) return undefined;
  const exact = element.attribs[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const key = Object.keys(element.attribs).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : element.attribs[key];
}

/** The nearest value of an attribute on the element or its ancestors (xml:lang, xmlns…). */
export function inScope(element: Element, name: string): string | undefined {
  for (let node: Element | null = element; node; node = parentElement(node)) {
    const value = node.attribs[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The base URL in effect at an element: each xml:base from the root down, resolved against the document URL. */
export function baseUrlOf(element: Element, documentUrl: string): string {
  const parent = parentElement(element);
  const inherited = parent === null ? documentUrl : baseUrlOf(parent, documentUrl);
  const base = element.attribs['xml:base'];
  return base === undefined ? inherited : (resolveHref(base, inherited) ?? inherited);
}

/** `href` made absolute against `base`; undefined when blank or not resolvable. */
export function resolveHref(href: string | undefined, base: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

function parentElement(element: Element): Element | null {
  const parent = element.parent;
  return parent !== null && isTag(parent) ? parent : null;
}
