import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** The encoding actually used to decode, e.g. "utf-8", "windows-1251", "koi8-r". */
  charset: string;
  /** An unknown charset label, bytes invalid in the charset: read anyway, but worth telling the operator. */
  warnings: string[];
}

const BOMS: ReadonlyArray<{ charset: string; bytes: readonly number[] }> = [
  // UTF-32LE's BOM starts with UTF-16LE's, so the longer ones are tried first.
  { charset: 'utf-32le', bytes: [0xff, 0xfe, 0x00, 0x00] },
  { charset: 'utf-32be', bytes: [0x00, 0x00, 0xfe, 0xff] },
  { charset: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { charset: 'utf-16le', bytes: [0xff, 0xfe] },
  { charset: 'utf-16be', bytes: [0xfe, 0xff] },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function sniffBom(bytes: Uint8Array): { charset: string; length: number } | undefined {
  const bom = BOMS.find((candidate) => startsWith(bytes, candidate.bytes));
  return bom && { charset: bom.charset, length: bom.bytes.length };
}

function headerCharset(contentType: string | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)/i)?.[1];
}

const DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
// Long enough for any sane XML declaration, short enough to stay cheap on big bodies.
const DECLARATION_WINDOW = 1024;

/** The encoding an XML declaration asks for, read the way XML processors read it (UTF-16 without BOM included). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  // "<?" in UTF-16 without a BOM: the byte order is the encoding, whatever the label says.
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return 'utf-16le';
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return 'utf-16be';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_WINDOW));
  const label = head.toString('latin1').match(DECLARATION)?.[1];
  // These bytes are ASCII-compatible, so a UTF-16 label is a lie (WHATWG treats it as UTF-8).
  return label && /^utf-?16/i.test(label) ? 'utf-8' : label;
}

interface Decoding {
  text: string;
  charset: string;
  /** False when some bytes are not valid in the charset (they became U+FFFD). */
  valid: boolean;
}

/** Decodes with TextDecoder when it knows the label, else iconv-lite; undefined when neither does. */
function decodeAs(label: string, bytes: Uint8Array): Decoding | undefined {
  let strict: InstanceType<typeof TextDecoder> | undefined;
  try {
    strict = new TextDecoder(label, { ignoreBOM: true, fatal: true });
  } catch {
    // RangeError: a label TextDecoder lacks (ibm855, maccyrillic, utf-32…) or one it maps to "replacement".
  }
  if (strict) {
    try {
      return { text: strict.decode(bytes), charset: strict.encoding, valid: true };
    } catch {
      // Invalid bytes: decode again leniently, as browsers do, and say so.
      const lenient = new TextDecoder(label, { ignoreBOM: true });
      return { text: lenient.decode(bytes), charset: lenient.encoding, valid: false };
    }
  }
  if (!iconv.encodingExists(label)) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { text: iconv.decode(buffer, label, { stripBOM: false }), charset: label.toLowerCase(), valid: true };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * Decodes a feed body. A byte-order mark wins (as in WHATWG), then the HTTP
 * Content-Type charset, then the XML declaration, then UTF-8. Labels nobody
 * knows are skipped, and bytes invalid in the charset become U+FFFD, rather
 * than failing; both are reported in `warnings`. The BOM is not part of the text.
 */
export function decodeBody(bytes: Uint8Array, contentTypeHeader?: string): DecodedBody {
  const bom = sniffBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const candidates = bom
    ? [{ label: bom.charset, from: 'byte-order mark' }]
    : [
        { label: headerCharset(contentTypeHeader), from: 'Content-Type header' },
        { label: declaredCharset(bytes), from: 'XML declaration' },
      ];
  const unknown: string[] = [];
  let decoded: Decoding | undefined;
  for (const { label, from } of candidates) {
    if (label === undefined) continue;
    decoded = decodeAs(label, body);
    if (decoded) break;
    unknown.push(`unknown charset "${label}" in the ${from}`);
  }
  decoded ??= decodeAs('utf-8', body)!;
  const warnings = unknown.length > 0 ? [`${unknown.join(', ')}; decoded as ${decoded.charset}`] : [];
  if (!decoded.valid) {
    const line = lineOf(decoded.text, decoded.text.indexOf('\uFFFD'));
    warnings.push(`the body is not valid ${decoded.charset}: invalid bytes were replaced by U+FFFD (first on line ${line})`);
  }
  return { text: decoded.text, charset: decoded.charset, warnings };
}
