import { Document, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Node, type Scalar } from 'yaml';

// Edits the `sources:` list of a config file the way an operator would: new
// entries are spliced in as text after the last one, in the same style (flow
// `- { … }` or block), and a removed entry's lines are cut out. Every other
// byte — comments, alignment, quoting — stays as it was. The yaml Document API
// locates the entries; only a non-empty flow list (`sources: [ … ]`) is
// re-serialised as a whole.

export interface NewSource {
  id: string;
  url: string;
  title?: string;
  country?: string;
  categories?: string[];
}

/** The config text with `entry` appended to `sources:`. */
export function addSourceText(text: string, entry: NewSource): string {
  const value = plainEntry(entry);
  const doc = parseDocument(text);
  const pair = sourcesPair(doc);
  const seq = pair?.value;
  if (!pair) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${sep}sources:\n  - ${render(value, { indent: 4 })}\n`;
  }
  if (isSeq(seq) && seq.items.length > 0) {
    const last = seq.items[seq.items.length - 1];
    const dash = isNode(last) && !seq.flow ? dashColumn(text, last) : undefined;
    if (!isNode(last) || dash === undefined) return viaDocument(doc, (s) => s.add(doc.createNode(value)));
    const flow = isMap(last) && last.flow;
    const url = isMap(last) ? last.get('url', true) : undefined;
    const urlType = isScalar(url) ? url.type : undefined;
    const end = lineEnd(text, last.range![1]);
    return `${text.slice(0, end)}\n${' '.repeat(dash)}- ${render(value, { flow, indent: dash + 2, urlType })}${text.slice(end)}`;
  }
  // `sources:` with no value, or `sources: []`: the list starts here.
  const keyEnd = (pair.key as Node).range![1];
  const valueEnd = isNode(seq) && seq.range ? Math.max(seq.range[1], keyEnd) : keyEnd;
  const tail = text.slice(keyEnd, valueEnd).replace(/^\s*:\s*(\[\s*\])?/, '');
  return `${text.slice(0, keyEnd)}:\n  - ${render(value, { indent: 4 })}${tail}${text.slice(valueEnd)}`;
}

/** The config text without the source `id`; undefined when there is no such source. */
export function removeSourceText(text: string, id: string): string | undefined {
  const doc = parseDocument(text);
  const seq = sourcesPair(doc)?.value;
  if (!isSeq(seq)) return undefined;
  const index = seq.items.findIndex((item) => isMap(item) && item.get('id') === id);
  if (index < 0) return undefined;
  const item = seq.items[index];
  const dash = isNode(item) && !seq.flow ? dashColumn(text, item) : undefined;
  if (!isNode(item) || dash === undefined) return viaDocument(doc, (s) => s.delete(index));
  const start = lineStart(text, item.range![0]);
  const end = lineEnd(text, item.range![1]);
  return text.slice(0, start) + text.slice(Math.min(end + 1, text.length));
}

function sourcesPair(doc: Document) {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'sources');
}

/** Re-serialises the whole document: only for lists written in flow style. */
function viaDocument(doc: Document, edit: (seq: { add(v: unknown): void; delete(i: number): unknown }) => void): string {
  const seq = doc.get('sources', true);
  if (!isSeq(seq)) throw new Error('sources is not a list');
  edit(seq);
  return doc.toString({ lineWidth: 0 });
}

/** Column of the "- " that opens a block list item, if the item starts its line that way. */
function dashColumn(text: string, item: Node): number | undefined {
  const start = lineStart(text, item.range![0]);
  const lead = /^( *)- +$/.exec(text.slice(start, item.range![0]));
  return lead ? lead[1]!.length : undefined;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Offset of the newline ending the line that holds the node's last character (or the text's end). */
function lineEnd(text: string, valueEnd: number): number {
  const at = text.indexOf('\n', Math.max(valueEnd - 1, 0));
  return at < 0 ? text.length : at;
}

/** One list entry as YAML text: a flow map on one line, or a block map indented to sit under its "- ". */
function render(value: Record<string, unknown>, style: { flow?: boolean; indent: number; urlType?: Scalar.Type }): string {
  const doc = new Document(value);
  if (!isMap(doc.contents)) throw new Error('a source entry is a map');
  doc.contents.flow = style.flow ?? false;
  const url = doc.contents.get('url', true);
  // Quote the URL as the neighbouring entries do.
  if (isScalar(url) && style.urlType) url.type = style.urlType;
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: style.flow ?? false }).trimEnd();
  return yaml.split('\n').join(`\n${' '.repeat(style.indent)}`);
}

function plainEntry(entry: NewSource): Record<string, unknown> {
  const value: Record<string, unknown> = { id: entry.id, url: entry.url };
  if (entry.title) value.title = entry.title;
  if (entry.country) value.country = entry.country;
  if (entry.categories && entry.categories.length > 0) value.categories = entry.categories;
  return value;
}

/** A source id from a URL's host ("https://www.example.co.uk/feed" → "example-co-uk"), unique among `taken`. */
export function deriveSourceId(url: string, taken: ReadonlySet<string>): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  const base =
    host
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'source';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
