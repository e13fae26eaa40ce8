// The per-story view every output format renders: computed once, so Atom, RSS and
// JSON Feed cannot disagree about ids, titles, links, categories or content.
import type { StoredArticle, Story } from '../model.js';
import type { PublishContext } from './context.js';
import { PublishError } from './errors.js';
import { publishableIri, type CategoryKind } from './urls.js';
import { cleanText, escapeXmlAttr, escapeXmlText } from './xml-text.js';

export interface CategoryView {
  kind: CategoryKind;
  /** Country code for countries, the name itself for subregions and continents. */
  term: string;
  /** Country name; subregion and continent terms are already names. */
  label?: string;
  scheme: string;
}

export interface SourceView {
  title: string;
  /** The source's feed URL; also stands in for its atom:id, which the store does not keep. */
  feedUrl: string;
  siteUrl?: string;
}

export interface RelatedLink {
  href: string;
  title: string;
}

export interface EntryView {
  /** story.entryId, verbatim. */
  id: string;
  title: string;
  link?: string;
  published: number;
  updated: number;
  author?: string;
  /** Plain text. */
  summary: string;
  /** The lead's HTML (or its escaped summary) plus the "Also reported by" paragraph. */
  contentHtml: string;
  categories: CategoryView[];
  source?: SourceView;
  /** Links to the other articles of the story. */
  related: RelatedLink[];
  language?: string;
}

// An absolute IRI: a scheme, then none of the characters RFC 3987 forbids anywhere
// (white space, controls, <>"{}|\^`). Finer syntax is the id generator's business.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\u0000-\u001F\u007F<>"{}|\\^`]+$/;
// BCP 47 shape, as Atom's xml:lang and RSS <language> accept it.
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

export function languageTag(language: string | undefined): string | undefined {
  const tag = cleanText(language);
  return LANGUAGE_TAG.test(tag) ? tag : undefined;
}

export function buildEntryView(
  story: Story,
  ctx: PublishContext,
  schemes: Record<CategoryKind, string>,
): EntryView {
  if (!ABSOLUTE_IRI.test(story.entryId)) {
    throw new PublishError('INVALID_ENTRY_ID', `story ${story.id} has entry id '${story.entryId}', which is not an absolute IRI`);
  }
  const { lead } = story;
  const source = sourceView(lead.sourceId, ctx);
  const summary = cleanText(lead.summary);
  const leadHtml = cleanText(lead.contentHtml) || (summary === '' ? '' : `<p>${escapeXmlText(summary)}</p>`);
  const alsoReported = alsoReportedBy(story.others, ctx);
  return {
    id: story.entryId,
    title: cleanText(lead.title),
    link: publishableLink(lead.link),
    published: lead.publishedAt,
    updated: story.updatedAt,
    author: cleanText(lead.author) || source?.title,
    summary,
    contentHtml: [leadHtml, alsoReported].filter((part) => part !== '').join('\n'),
    categories: placeCategories(lead, ctx, schemes),
    source,
    related: relatedLinks(story, ctx),
    language: languageTag(lead.language),
  };
}

function publishableLink(url: string | undefined): string | undefined {
  const cleaned = cleanText(url);
  return cleaned === '' ? undefined : publishableIri(cleaned);
}

function sourceTitle(sourceId: string, ctx: PublishContext): string {
  return cleanText(ctx.sources.get(sourceId)?.title) || sourceId;
}

function sourceView(sourceId: string, ctx: PublishContext): SourceView | undefined {
  const info = ctx.sources.get(sourceId);
  const feedUrl = publishableLink(info?.url);
  if (info === undefined || feedUrl === undefined) return undefined;
  return {
    title: sourceTitle(sourceId, ctx),
    feedUrl,
    siteUrl: publishableLink(info.siteUrl),
  };
}

function alsoReportedBy(others: StoredArticle[], ctx: PublishContext): string {
  if (others.length === 0) return '';
  const names = others.map((article) => {
    const name = escapeXmlText(sourceTitle(article.sourceId, ctx));
    const link = publishableLink(article.link);
    return link === undefined ? name : `<a href="${escapeXmlAttr(link)}">${name}</a>`;
  });
  return `<p>Also reported by: ${names.join(', ')}</p>`;
}

function relatedLinks(story: Story, ctx: PublishContext): RelatedLink[] {
  const seen = new Set([publishableLink(story.lead.link)]);
  const links: RelatedLink[] = [];
  for (const article of story.others) {
    const href = publishableLink(article.link);
    if (href === undefined || seen.has(href)) continue;
    seen.add(href);
    links.push({ href, title: sourceTitle(article.sourceId, ctx) });
  }
  return links;
}

/** Countries first (strongest first, as the classifier ranked them), then their subregions, continents and editorial regions. */
function placeCategories(
  lead: StoredArticle,
  ctx: PublishContext,
  schemes: Record<CategoryKind, string>,
): CategoryView[] {
  const countries: CategoryView[] = [];
  const regions: CategoryView[] = [];
  const continents: CategoryView[] = [];
  const editorial: CategoryView[] = [];
  const seen = new Set<string>();
  const add = (list: CategoryView[], kind: CategoryKind, term: string, label?: string) => {
    const key = `${kind}\n${term}`;
    if (term === '' || seen.has(key)) return;
    seen.add(key);
    list.push({ kind, term, label, scheme: schemes[kind] });
  };
  for (const place of lead.places) {
    const code = cleanText(place.code);
    const names = ctx.placeNames(code);
    add(countries, 'country', code, cleanText(names?.name) || undefined);
    const subregion = cleanText(names?.subregion);
    add(regions, 'subregion', subregion);
    const continent = cleanText(names?.continent);
    add(continents, 'continent', continent);
    for (const region of names?.regions ?? []) add(editorial, 'region', cleanText(region));
  }
  return [...countries, ...regions, ...continents, ...editorial];
}
