import type { ParsedFeed, RawItem } from '../model.js';
import { assignDefined } from './dialect.js';
import { resolveHref } from './dom.js';
import { ParseError } from './errors.js';
import { escapeTags, undoDoubleEscaping } from './html-text.js';

// JSON Feed 1.0 and 1.1: https://www.jsonfeed.org/version/1.1/
type JsonObject = Record<string, unknown>;

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/;

/**
 * Reads a JSON Feed. Fields of the wrong type are ignored and items that are not objects
 * skipped, each with a warning. URLs are resolved against the document URL.
 */
export function readJsonFeed(text: string, documentUrl: string): ParsedFeed {
  const document = parseJson(text.replace(/^\uFEFF/, ''));
  if (!isObject(document) || typeof document.version !== 'string' || !VERSION.test(document.version.trim())) {
    throw new ParseError('unsupported', 'the JSON document is not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")');
  }
  if (!Array.isArray(document.items)) throw new ParseError('malformed', 'the JSON Feed has no "items" array');

  const problems = new Problems();
  const feedFields = new FieldReader(document, 'feed', problems);
  const feedAuthor = authorsOf(feedFields);
  const items: RawItem[] = [];
  document.items.forEach((entry: unknown, index) => {
    if (isObject(entry)) items.push(toRawItem(new FieldReader(entry, `item ${index + 1}`, problems), feedAuthor, documentUrl));
    else problems.note(`item ${index + 1}`, `skipped an item that is ${describe(entry)}, not an object`);
  });

  const feed: ParsedFeed = { format: 'json', items, warnings: problems.warnings() };
  return assignDefined(feed, {
    title: feedFields.string('title'),
    link: resolveHref(feedFields.string('home_page_url'), documentUrl),
    language: feedFields.string('language'),
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = jsonErrorPosition(reason, text);
    if (position === undefined) throw new ParseError('malformed', `not well-formed JSON: ${reason}`, { cause: error });
    const before = text.slice(0, position).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    throw new ParseError('malformed', `not well-formed JSON: ${reason} (line ${line}, column ${column})`, {
      line,
      column,
      cause: error,
    });
  }
}

/** Where V8 says JSON.parse failed; some of its messages give no position. */
function jsonErrorPosition(reason: string, text: string): number | undefined {
  const position = /at position (\d+)/.exec(reason)?.[1];
  if (position !== undefined) return Number(position);
  return /end of JSON input/.test(reason) ? text.length : undefined;
}

// JSON Feed's title, summary and content_text are plain text, but feeds write entities
// in them ("Q&amp;A", "&#8217;"): tags are shown as text, entities still decode.
function toRawItem(fields: FieldReader, feedAuthor: string | undefined, documentUrl: string): RawItem {
  const title = fields.string('title');
  const summary = fields.string('summary');
  const contentHtml = fields.string('content_html');
  const contentText = fields.string('content_text');
  return assignDefined<RawItem>(
    { categories: fields.strings('tags'), baseUrl: documentUrl },
    {
      guid: fields.id(),
      link: resolveHref(fields.string('url') ?? fields.string('external_url'), documentUrl),
      title: title === undefined ? undefined : escapeTags(title),
      titleIsText: title === undefined ? undefined : true,
      published: fields.date('date_published'),
      updated: fields.date('date_modified'),
      author: authorsOf(fields) ?? feedAuthor,
      summaryHtml: summary === undefined ? undefined : escapeTags(summary),
      contentHtml: contentHtml !== undefined ? undoDoubleEscaping(contentHtml) : contentText === undefined ? undefined : escapeTags(contentText),
      thumbnail: resolveHref(fields.string('image') ?? fields.string('banner_image'), documentUrl),
      language: fields.string('language'),
    },
  );
}

/** JSON Feed 1.1 "authors" (a list), else 1.0 "author" (one object); names joined. */
function authorsOf(fields: FieldReader): string | undefined {
  const authors = fields.objects('authors');
  const names = (authors.length ? authors : fields.objects('author'))
    .map((author) => author.string('name'))
    .filter((name): name is string => name !== undefined);
  return names.length ? names.join(', ') : undefined;
}

/** Reads typed fields of one JSON object, noting each field of the wrong type in the warnings. */
class FieldReader {
  constructor(
    private readonly object: JsonObject,
    private readonly where: string,
    private readonly problems: Problems,
  ) {}

  string(key: string): string | undefined {
    const value = this.object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim() === '' ? undefined : value;
    this.ignore(key, value, 'a string');
    return undefined;
  }

  /** A date string as found; a number is taken as epoch seconds or milliseconds, as some feeds write it. */
  date(key: string): string | undefined {
    const value = this.object[key];
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : this.string(key);
  }

  /** "id" is a string; JSON Feed 1.0 asks readers to accept a number too. */
  id(): string | undefined {
    const value = this.object.id;
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : this.string('id');
  }

  /** A list of strings; a single string is read as a comma-separated list, as some feeds write "tags". */
  strings(key: string): string[] {
    const value = this.object[key];
    if (typeof value === 'string') return value.split(',').filter((entry) => entry.trim() !== '');
    return this.list(key, 'a list of strings').filter((value): value is string => {
      if (typeof value === 'string') return true;
      this.ignore(`${key}[]`, value, 'a string');
      return false;
    });
  }

  /** An object, or each object of a list of objects. */
  objects(key: string): FieldReader[] {
    const value = this.object[key];
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    return values.filter((entry: unknown): entry is JsonObject => {
      if (isObject(entry)) return true;
      this.ignore(key, entry, 'an object');
      return false;
    }).map((entry) => new FieldReader(entry, `${this.where} ${key}`, this.problems));
  }

  private list(key: string, expected: string): unknown[] {
    const value = this.object[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.ignore(key, value, expected);
    return [];
  }

  private ignore(key: string, value: unknown, expected: string): void {
    this.problems.note(this.where, `ignored "${key}" that is ${describe(value)}, not ${expected}`);
  }
}

/** Collects problems so that one repeated in every item makes one warning, not hundreds. */
class Problems {
  private readonly places = new Map<string, string[]>();

  note(where: string, problem: string): void {
    const places = this.places.get(problem) ?? [];
    places.push(where);
    this.places.set(problem, places);
  }

  warnings(): string[] {
    return [...this.places].map(([problem, places]) => {
      const listed = places.slice(0, 3).join(', ');
      return `${problem} (${places.length > 3 ? `${listed} and ${places.length - 3} more` : listed})`;
    });
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
