// Bounds on what one item may cost: HTML nested deeper than the HTML libraries can
// walk (they recurse), and titles no reader could show. Each bound that applies is
// reported as a warning, so the operator sees why an item looks cut.
import { Parser } from 'htmlparser2';
import type { RawItem } from '../model.js';
import { summarize } from './summary.js';

/** Far deeper than real article HTML, far shallower than what overflows the stack of a recursive walk. */
export const MAX_HTML_DEPTH = 1000;
/** Characters; a longer title is cut on a word boundary with an ellipsis. */
export const MAX_TITLE_LENGTH = 1000;

/** Receives one problem of one item; the same problem recurs across items and is counted by ItemWarnings. */
export type WarnItem = (problem: string) => void;

const TOO_DEEP = Symbol('too deep');
// A tag, a comment or a declaration; what is left between them is the text.
const MARKUP = /<[^>]*>?/g;

/** The HTML as is when its elements nest at most MAX_HTML_DEPTH levels; else only its text (as HTML), with a warning. */
function shallowHtml(html: string, field: string, warn: WarnItem | undefined): string {
  // Nesting that deep needs that many tags: most fields are ruled out without parsing.
  if (countOf(html, '<') <= MAX_HTML_DEPTH) return html;
  if (!nestsDeeper(html, MAX_HTML_DEPTH)) return html;
  warn?.(`${field} HTML nested deeper than ${MAX_HTML_DEPTH.toLocaleString('en-US')} levels: only its text was kept`);
  return html.replace(MARKUP, ' ');
}

/**
 * Whether elements nest deeper than `max`, as an HTML parser builds them (implied
 * closing tags included). The streaming parser keeps its open elements in an array,
 * so this needs no recursion; it stops at the first element too deep, because the
 * parser's work per tag grows with the depth.
 */
function nestsDeeper(html: string, max: number): boolean {
  let depth = 0;
  const parser = new Parser({
    onopentag() {
      if (++depth > max) throw TOO_DEEP;
    },
    onclosetag() {
      depth -= 1;
    },
  });
  try {
    parser.end(html);
    return false;
  } catch (error) {
    if (error === TOO_DEEP) return true;
    throw error;
  }
}

const HTML_FIELDS = ['title', 'summaryHtml', 'contentHtml', 'mediaDescriptionHtml', 'author'] as const;

/** The item with every HTML field within MAX_HTML_DEPTH (see shallowHtml). */
export function shallowItem(item: RawItem, warn: WarnItem | undefined): RawItem {
  const bounded = { ...item };
  for (const field of HTML_FIELDS) {
    const html = item[field];
    if (html !== undefined) bounded[field] = shallowHtml(html, field.replace(/Html$/, ''), warn);
  }
  return bounded;
}

/** The title, cut to MAX_TITLE_LENGTH characters with a warning when longer. */
export function boundedTitle(title: string, warn: WarnItem | undefined): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  warn?.(`title cut to ${MAX_TITLE_LENGTH.toLocaleString('en-US')} characters`);
  return summarize(title, MAX_TITLE_LENGTH);
}

/**
 * Collects the problems of a document's items as one warning per kind of problem,
 * with how many items had it: "title cut to 1,000 characters (2 items)".
 */
export class ItemWarnings {
  private readonly counts = new Map<string, number>();

  readonly warn: WarnItem = (problem) => {
    this.counts.set(problem, (this.counts.get(problem) ?? 0) + 1);
  };

  list(): string[] {
    return [...this.counts].map(([problem, count]) => `${problem} (${count} item${count === 1 ? '' : 's'})`);
  }
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}
