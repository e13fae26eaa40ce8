// Text that reaches an XML document comes from upstream feeds we do not control,
// so every string is both stripped of characters XML 1.0 cannot carry and escaped.

/** C0 controls other than tab/LF/CR, the noncharacters U+FFFE/U+FFFF, and unpaired surrogates. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Any code unit XML_FORBIDDEN can start at, surrogates of valid pairs included: a cheap test without the `u` flag. */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Removes every character XML 1.0 forbids (even as a character reference). */
export function stripXmlForbidden(text: string): string {
  return MAYBE_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, '') : text;
}

const TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escaped character data for element content (also valid inside an HTML fragment). */
export function escapeXmlText(text: string): string {
  // One pass for the three characters: every text of every published entry goes through here.
  return stripXmlForbidden(text).replace(/[&<>]/g, (c) => TEXT_ENTITIES[c]!);
}

/**
 * Escaped value for a double-quoted attribute. Tab, LF and CR become character references
 * because a parser would otherwise normalise them to spaces.
 */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Upstream text as all output formats show it: forbidden characters gone, outer white space trimmed. */
export function cleanText(text: string | undefined): string {
  return text === undefined ? '' : stripXmlForbidden(text).trim();
}
