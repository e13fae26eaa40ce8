// Readers for the values xml2js (under rss-parser) produces: an element is a string,
// or an object with its text in `_`, its attributes in `$` and its children as arrays.

type XmlNode = { _?: unknown; $?: Record<string, unknown> } & Record<string, unknown>;

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of an element (for mixed content, its text and its children's text); undefined when blank. */
export function textOf(value: unknown): string | undefined {
  const text = collectText(value);
  return text.trim() === '' ? undefined : text;
}

function collectText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(collectText).join(' ');
  if (!isNode(value)) return '';
  if (typeof value._ === 'string') return value._;
  return Object.entries(value)
    .filter(([key]) => key !== '$')
    .map(([, child]) => collectText(child))
    .join(' ');
}

export function attributeOf(value: unknown, name: string): string | undefined {
  if (!isNode(value) || !isNode(value.$)) return undefined;
  const attribute = value.$[name];
  return typeof attribute === 'string' ? attribute : undefined;
}

/** The first value that has text. */
export function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    const text = textOf(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** A string field as rss-parser hands it over (it already serialised HTML content); undefined when blank. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
