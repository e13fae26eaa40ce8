// Media RSS (media:description, media:thumbnail, media:content, media:group) and
// itunes:image: the fields that RSS and Atom items share through namespaces.
import type { Element } from 'domhandler';
import { attribute, baseUrlOf, childrenNamed, resolveHref } from './dom.js';
import { plainTextHtml, rssHtml } from './text-construct.js';

export interface MediaFields {
  descriptionHtml?: string;
  thumbnail?: string;
}

const MEDIA = ['media'] as const;

/** Media RSS fields of an item; media:group and media:content carry the same children as the item. */
export function mediaOf(item: Element, documentUrl: string): MediaFields {
  const groups = childrenNamed(item, MEDIA, 'group');
  const contents = [item, ...groups].flatMap((scope) => childrenNamed(scope, MEDIA, 'content'));
  const scopes = [item, ...groups, ...contents];
  const named = (local: string) => scopes.flatMap((scope) => childrenNamed(scope, MEDIA, local));

  const fields: MediaFields = {};
  const descriptionHtml = named('description')
    .map((element) => (attribute(element, 'type')?.trim().toLowerCase() === 'html' ? rssHtml(element) : plainTextHtml(element)))
    .find((html) => html !== undefined);
  const thumbnail =
    urlOf(named('thumbnail'), 'url', documentUrl) ?? urlOf(contents.filter(isImage), 'url', documentUrl) ??
    urlOf(childrenNamed(item, ['itunes'], 'image'), 'href', documentUrl);
  if (descriptionHtml !== undefined) fields.descriptionHtml = descriptionHtml;
  if (thumbnail !== undefined) fields.thumbnail = thumbnail;
  return fields;
}

/** An image enclosure or media:content: medium="image" or an image/* type. */
export function isImage(element: Element): boolean {
  return attribute(element, 'medium')?.trim().toLowerCase() === 'image' || /^\s*image\//i.test(attribute(element, 'type') ?? '');
}

/** The first URL attribute among `elements`, made absolute against the element's base. */
export function urlOf(elements: Element[], name: string, documentUrl: string): string | undefined {
  for (const element of elements) {
    const url = resolveHref(attribute(element, name), baseUrlOf(element, documentUrl));
    if (url !== undefined) return url;
  }
  return undefined;
}
