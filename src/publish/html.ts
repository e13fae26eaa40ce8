// The human side of the output: one HTML page per topic (the Atom feed's rel="alternate") and
// index.html listing every topic. Plain, valid HTML5 with no script; every upstream string is
// escaped, and links are relative so the pages work wherever the directory is served from.
import type { TopicFeed } from '../model.js';
import type { PublishContext } from './context.js';
import { rfc3339 } from './dates.js';
import type { EntryView } from './entry.js';
import { buildFeedView, GENERATOR, type FeedView } from './feed-view.js';
import { checkOutputPath } from './urls.js';
import { cleanText, escapeXmlAttr, escapeXmlText } from './xml-text.js';

/** Where a topic is listed on the index page. */
export type TopicGroup = 'topics' | 'regions' | 'countries';

export const GROUP_TITLES: Record<TopicGroup, string> = { topics: 'Topics', regions: 'Continents', countries: 'Countries' };

export const escapeHtml = escapeXmlText;
export const escapeHtmlAttr = escapeXmlAttr;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;color:#222}
a{color:#0645ad}h1{margin-bottom:.25rem}.meta{color:#555;font-size:.9rem}
ol,ul{padding-left:1.25rem}li{margin:.4rem 0}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
.bad{color:#a00}.warn{color:#850}.scroll{overflow-x:auto}`;

/** A complete HTML5 document; `head` and `body` are trusted markup built with the escapes above. */
export function htmlDocument(options: { title: string; head?: string; body: string }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    options.head ?? '',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    options.body,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** `target` (an output path) as seen from the page at output path `from`. */
export function relativeHref(from: string, target: string): string {
  checkOutputPath(target);
  const depth = from.split('/').length - 1;
  return `${'../'.repeat(depth)}${target.split('/').map(encodeURIComponent).join('/')}`;
}

const FORMATS = [
  { ext: 'atom', type: 'application/atom+xml', label: 'Atom' },
  { ext: 'rss', type: 'application/rss+xml', label: 'RSS' },
  { ext: 'json', type: 'application/feed+json', label: 'JSON Feed' },
] as const;

function feedLinks(from: string, path: string): string {
  return FORMATS.map((f) => `<a href="${escapeHtmlAttr(relativeHref(from, `${path}.${f.ext}`))}" type="${f.type}">${f.label}</a>`).join(' · ');
}

const humanDate = (ms: number, what: string) => rfc3339(ms, what).replace('T', ' ').replace('Z', ' UTC');

const isWebLink = (href: string | undefined): href is string => href !== undefined && /^https?:\/\//i.test(href);

function entryItem(entry: EntryView): string {
  const title = escapeHtml(entry.title || '(untitled)');
  const heading = isWebLink(entry.link) ? `<a href="${escapeHtmlAttr(entry.link)}">${title}</a>` : title;
  const source = entry.source ? ` · ${escapeHtml(entry.source.title)}` : '';
  const time = `<time datetime="${rfc3339(entry.published, `entry '${entry.id}' published time`)}">${humanDate(entry.published, `entry '${entry.id}' published time`)}</time>`;
  const related = entry.related.filter((r) => isWebLink(r.href));
  const also =
    related.length > 0
      ? `\n<p class="meta">Also reported by: ${related.map((r) => `<a href="${escapeHtmlAttr(r.href)}">${escapeHtml(r.title)}</a>`).join(', ')}</p>`
      : '';
  const lang = entry.language ? ` lang="${escapeHtmlAttr(entry.language)}"` : '';
  const summary = entry.summary === '' ? '' : `\n<p>${escapeHtml(entry.summary)}</p>`;
  return `<li${lang}><strong>${heading}</strong>\n<p class="meta">${time}${source}</p>${summary}${also}</li>`;
}

/** The topic's HTML page, `<path>.html`: what the feeds' alternate link points to. */
export function renderTopicPage(feed: TopicFeed, ctx: PublishContext, options: { newestArchivePage?: number } = {}): string {
  const view: FeedView = buildFeedView(feed, ctx);
  const from = feed.path;
  const head = FORMATS.map(
    (f) =>
      `<link rel="alternate" type="${f.type}" title="${escapeHtmlAttr(`${view.title} (${f.label})`)}" href="${escapeHtmlAttr(relativeHref(from, `${feed.path}.${f.ext}`))}">`,
  ).join('\n');
  const entries =
    view.entries.length === 0 ? '<p>No stories yet.</p>' : `<ol>\n${view.entries.map(entryItem).join('\n')}\n</ol>`;
  const archive =
    options.newestArchivePage === undefined
      ? ''
      : `\n<p>Older entries: <a href="${escapeHtmlAttr(relativeHref(from, `archive/${feed.path}/${options.newestArchivePage}.atom`))}">archive (Atom)</a></p>`;
  const body = [
    `<header>\n<p><a href="${escapeHtmlAttr(relativeHref(from, 'index.html'))}">${escapeHtml(view.authorName)}</a></p>`,
    `<h1>${escapeHtml(view.title)}</h1>`,
    `<p>${escapeHtml(view.description)}</p>`,
    `<p>Subscribe: ${feedLinks(from, feed.path)}</p>\n</header>`,
    `<main>\n${entries}${archive}\n</main>`,
  ].join('\n');
  return htmlDocument({ title: `${view.title} – ${view.authorName}`, head, body });
}

export interface IndexTopic {
  id: string;
  title: string;
  path: string;
  group: TopicGroup;
  entries: number;
}

/** index.html#<anchor> of a topic: configured ids cannot contain '/', so "topic-" keeps the two kinds apart. */
export const anchorOf = (t: { id: string; group: TopicGroup }) =>
  t.group === 'topics' ? `topic-${t.id}` : t.id.replace(/[^A-Za-z0-9_-]/g, '-');

/** index.html: every topic, grouped, with its page and its three feeds. */
export function renderIndexPage(topics: IndexTopic[], ctx: PublishContext): string {
  const siteTitle = cleanText(ctx.siteTitle) || GENERATOR.name;
  const sections = (Object.keys(GROUP_TITLES) as TopicGroup[]).flatMap((group) => {
    const members = topics.filter((t) => t.group === group);
    if (members.length === 0) return [];
    const items = members.map((t) => {
      const title = escapeHtml(cleanText(t.title) || t.id);
      const count = `${t.entries} ${t.entries === 1 ? 'entry' : 'entries'}`;
      return `<li id="${escapeHtmlAttr(anchorOf(t))}"><a href="${escapeHtmlAttr(relativeHref('index.html', `${t.path}.html`))}">${title}</a> <span class="meta">(${count})</span> — ${feedLinks('index.html', t.path)}</li>`;
    });
    return [`<section>\n<h2>${GROUP_TITLES[group]}</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`];
  });
  const body = [
    `<header>\n<h1>${escapeHtml(siteTitle)}</h1>`,
    `<p>Every topic feed, in Atom, RSS and JSON Feed. All of them in one file for a feed reader: <a href="index.opml" type="text/x-opml">index.opml</a>.</p>\n</header>`,
    `<main>\n${sections.length > 0 ? sections.join('\n') : '<p>No topics yet.</p>'}\n</main>`,
  ].join('\n');
  return htmlDocument({ title: `${siteTitle} topic feeds`, body });
}
