import type { Element } from 'domhandler';
import type { ParsedFeed, RawItem } from '../model.js';

/** What a feed element says about the feed itself. */
export type FeedFields = Omit<ParsedFeed, 'format' | 'items' | 'warnings'> & { warnings?: string[] };

/** How one family of XML feed formats (RSS/RDF, Atom) maps onto the feed model. */
export interface Dialect {
  feed(root: Element, documentUrl: string): FeedFields;
  /** The item elements, in document order, wherever the document put them. */
  items(root: Element): Element[];
  item(element: Element, root: Element, documentUrl: string): RawItem;
}

/** The first value that is defined. */
export function first<T>(values: ReadonlyArray<T | undefined>): T | undefined {
  return values.find((value) => value !== undefined);
}

/** Sets the optional fields of `target` that have a value; leaves the others absent. */
export function assignDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}
