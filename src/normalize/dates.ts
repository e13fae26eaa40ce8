// Feed dates come as RFC 822/1123 (RSS), RFC 3339 (Atom, JSON Feed) and many near
// misses. Date.parse is not used: what it accepts beyond ISO 8601 differs between
// engines and it reads a date without a zone as local time. Here no zone means UTC.

// Month names by their first three letters: English, and where other languages differ
// (fr, de, es, pt, it, nl, ru; Russian in the nominative and genitive). French juin and
// juillet share three letters and are told apart by four.
const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
  fév: 1, fev: 1, avr: 3, mai: 4, aoû: 7, aou: 7, déc: 11, // fr
  mär: 2, mrz: 2, okt: 9, dez: 11, // de
  ene: 0, abr: 3, ago: 7, set: 8, dic: 11, out: 9, // es, pt
  gen: 0, mag: 4, giu: 5, lug: 6, ott: 9, mrt: 2, mei: 4, // it, nl
  янв: 0, фев: 1, мар: 2, апр: 3, май: 4, мая: 4, июн: 5, июл: 6, авг: 7, сен: 8, окт: 9, ноя: 10, дек: 11,
};
const MONTHS_BY_FOUR_LETTERS: Record<string, number> = { juin: 5, juil: 6 };

/** Offsets in minutes of the zone names found in feeds. Ambiguous ones take their most common meaning. */
const ZONES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0, WET: 0, WEST: 60, BST: 60, IST: 330,
  CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180, MSD: 240,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BRT: -180, ART: -180, WAT: 60, CAT: 120, EAT: 180, SAST: 120, PKT: 300,
  ICT: 420, WIB: 420, SGT: 480, HKT: 480, PHT: 480, AWST: 480, JST: 540, KST: 540,
  ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

const ZONE = String.raw`(?<zone>Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})`;
const TIME = String.raw`(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d+))?)?(?:\s*(?<half>[AaPp])\.?[Mm]\.?)?`;
const WEEKDAY = String.raw`(?:\p{L}{2,}\.?,?\s*)?`;
const MONTH = String.raw`(?<month>\p{L}{3,})\.?`;
// "at", "à", "um", "a las", "в" between the date and the time; "г." (год) after a Russian year.
const AT = String.raw`(?:[\s,T]+(?:(?:at|à|um|a las|в)\s+)?${TIME})`;
const YEAR_WORD = String.raw`(?:\s*г\.)?`;

const FORMATS = [
  // 2024-05-01T10:20:30.123+02:00, 2024-05-01 10:20, 2024-05-01, 2005-5-8 9:39:31, 2020/1/10 14:33:00
  String.raw`^(?<year>\d{4})[-/.](?<monthNumber>\d{1,2})[-/.](?<day>\d{1,2})(?:[Tt\s]+${TIME})?\s*${ZONE}?$`,
  // Wed, 01 May 2024 10:20:30 +0200; also without weekday or seconds, 2-digit years, full and
  // localized month names: "5. Februar 2024", "1 de enero de 2024", "12 января 2024 г. в 10:00"
  String.raw`^${WEEKDAY}(?<day>\d{1,2})\.?[\s-]+(?:de\s+)?${MONTH},?[\s-]+(?:de\s+)?(?<year>\d{4}|\d{2})${YEAR_WORD}${AT}?\s*(?:${ZONE}(?:\s*\([^)]*\))?)?$`,
  // Wed May 01 2024 10:20:30 GMT+0200 (CEST) as JavaScript writes it; May 1, 2024
  String.raw`^${WEEKDAY}${MONTH}\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})(?:[\s,T]+${TIME})?\s*(?:${ZONE}(?:\s*\([^)]*\))?)?$`,
].map((format) => new RegExp(format, 'u'));

type DateParts = Record<string, string | undefined>;

// Seconds (9-10 digits: 1973-2286) or milliseconds (12-13 digits) since 1970, as JSON feeds write them.
const EPOCH = /^(?:(?<seconds>\d{9,10}(?:\.\d+)?)|\d{12,13})$/;

/** Epoch milliseconds of a feed date string; undefined when missing or unreadable. */
export function parseDate(s: string | undefined): number | undefined {
  const text = s?.trim();
  if (!text) return undefined;
  const epoch = EPOCH.exec(text);
  if (epoch) return epoch.groups?.seconds === undefined ? Number(text) : Math.round(Number(text) * 1000);
  for (const format of FORMATS) {
    const parts = format.exec(text)?.groups;
    if (parts) return toEpoch(parts);
  }
  return undefined;
}

function toEpoch(parts: DateParts): number | undefined {
  const year = fullYear(parts.year!);
  const month = parts.monthNumber !== undefined ? Number(parts.monthNumber) - 1 : monthIndex(parts.month!);
  const day = Number(parts.day);
  const hour = hour24(Number(parts.hour ?? 0), parts.half);
  const minute = Number(parts.minute ?? 0);
  const second = Number(parts.second ?? 0);
  const millisecond = Number((parts.fraction ?? '').padEnd(3, '0').slice(0, 3));
  const offset = zoneOffset(parts.zone);
  if (month < 0 || month > 11 || hour > 23 || minute > 59 || second > 60 || offset === undefined) return undefined;
  const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), millisecond);
  // Date.UTC rolls 31 April over into May; such a date is a typo, not a date.
  if (new Date(local).getUTCDate() !== day) return undefined;
  return local - offset * 60_000;
}

/** 12-hour clock ("02:02:33 PM") to 24-hour; an impossible hour gives 24, which is rejected. */
function hour24(hour: number, half: string | undefined): number {
  if (half === undefined) return hour;
  if (hour < 1 || hour > 12) return 24;
  return (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
}

function fullYear(digits: string): number {
  if (digits.length === 4) return Number(digits);
  const year = Number(digits);
  return year < 50 ? 2000 + year : 1900 + year; // RFC 2822 section 4.3
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS_BY_FOUR_LETTERS[lower.slice(0, 4)] ?? MONTHS[lower.slice(0, 3)] ?? -1;
}

/** Minutes east of UTC; unknown zone names count as UTC (RFC 2822 says "-0000"). */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const numeric = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return minutes > 18 * 60 ? undefined : (numeric[1] === '-' ? -1 : 1) * minutes;
  }
  return ZONES[zone.toUpperCase()] ?? 0;
}
