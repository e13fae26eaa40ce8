// The HTML of elements that hold text: Atom text constructs, which say what they hold
// (type="text|html|xhtml", Atom 0.3 MIME types and mode="escaped|xml|base64"), and
// RSS elements, which do not and hold HTML by convention.
import { isText, type Element } from 'domhandler';
import { attribute, childElements, localName, textOf } from './dom.js';
import { escapeHtml, undoDoubleEscaping, xhtmlToHtml } from './html-text.js';

export interface HtmlValue {
  html: string;
  /** The element declared plain text: `html` is that text escaped, never markup. */
  isText: boolean;
}

type Kind = 'text' | 'html' | 'xhtml';

/** An Atom 1.0 or 0.3 text construct as HTML; undefined when blank, out of line (src=) or not text at all. */
export function atomTextHtml(element: Element | undefined): HtmlValue | undefined {
  if (element === undefined || attribute(element, 'src') !== undefined) return undefined;
  const kind = atomKind(element);
  if (kind === undefined) return undefined;
  if (attribute(element, 'mode')?.trim().toLowerCase() === 'base64') return base64Html(element, kind);
  return htmlOf(element, kind);
}

/** An RSS element (or a vocabulary without a type attribute) as HTML. */
export function rssHtml(element: Element | undefined): string | undefined {
  if (element === undefined) return undefined;
  return htmlOf(element, childElements(element).length > 0 ? 'xhtml' : 'html')?.html;
}

/** Text declared plain (Media RSS type="plain", iTunes summaries) as HTML. */
export function plainTextHtml(element: Element | undefined): string | undefined {
  const text = textOf(element);
  return text === undefined ? undefined : escapeHtml(text);
}

function atomKind(element: Element): Kind | undefined {
  const type = (attribute(element, 'type') ?? '').trim().toLowerCase();
  const hasMarkup = childElements(element).length > 0;
  switch (type) {
    case 'text':
    case 'text/plain':
      return 'text';
    case 'html':
    case 'text/html':
      return hasMarkup ? 'xhtml' : 'html';
    case 'xhtml':
    case 'application/xhtml+xml':
      return 'xhtml';
    case '':
      // Atom 0.3 escaped content with no type is HTML in practice; inline markup is XHTML whatever the type says.
      if (hasMarkup) return 'xhtml';
      return attribute(element, 'mode')?.trim().toLowerCase() === 'escaped' ? 'html' : 'text';
    default:
      if (type.endsWith('+xml') || type.endsWith('/xml')) return hasMarkup ? 'xhtml' : 'text';
      return type.startsWith('text/') ? 'text' : undefined;
  }
}

function htmlOf(element: Element, kind: Kind): HtmlValue | undefined {
  if (kind === 'xhtml') {
    const html = xhtmlToHtml(xhtmlBody(element)).trim();
    return html === '' ? undefined : { html, isText: false };
  }
  const text = textOf(element);
  if (text === undefined) return undefined;
  return kind === 'text' ? { html: escapeHtml(text), isText: true } : { html: undoDoubleEscaping(text), isText: false };
}

/** Atom wraps XHTML content in one <div>, which is not part of the content. */
function xhtmlBody(element: Element) {
  const elements = childElements(element);
  const onlyDiv = elements.length === 1 && localName(elements[0]!.name) === 'div';
  const strayText = element.children.some((node) => isText(node) && node.data.trim() !== '');
  return onlyDiv && !strayText ? elements[0]!.children : element.children;
}

function base64Html(element: Element, kind: Kind): HtmlValue | undefined {
  const decoded = Buffer.from(textOf(element) ?? '', 'base64').toString('utf8');
  if (decoded.trim() === '') return undefined;
  return kind === 'text' ? { html: escapeHtml(decoded), isText: true } : { html: undoDoubleEscaping(decoded), isText: false };
}
