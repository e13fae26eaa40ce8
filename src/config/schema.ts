import cron from 'node-cron';
import { z } from 'zod';
import { DEFAULT_DEDUPE_SETTINGS } from '../dedupe/index.js';

// The one schema of config/gazette.yaml: validation, defaults and the types the
// rest of the code uses all come from here.

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code such as RU')
  .transform((s) => s.toUpperCase());

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_" (it becomes a file name)');

const httpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http:// or https:// URL');

/** "${NAME}" in a header value is replaced by that environment variable at load, so secrets stay out of the file. */
const headerValue = z.string().transform((value, ctx) =>
  value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const set = process.env[name];
    if (set === undefined) ctx.addIssue({ code: 'custom', message: `environment variable ${name} is not set (used as \${${name}})` });
    return set ?? '';
  }),
);

/** A polling interval in minutes; 0 means "every cycle". */
const minutes = z.number().min(0).max(366 * 24 * 60);

const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "en" or "pt-BR"')
  .transform((s) => s.toLowerCase());

const DURATION_UNITS_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const duration = z
  .string()
  .regex(/^\d+[mhdw]$/, 'must be a number and a unit: m (minutes), h, d or w, such as "36h" or "7d"')
  .transform((s) => Number(s.slice(0, -1)) * DURATION_UNITS_MS[s.at(-1) as keyof typeof DURATION_UNITS_MS])
  .refine((ms) => ms > 0, 'must be longer than 0');

export const sourceSchema = z.strictObject({
  id,
  url: httpUrl,
  title: z.string().min(1).optional(),
  country: countryCode.optional(),
  categories: z.array(z.string().min(1)).default([]),
  priority: z.number().int().default(0),
  headers: z.record(z.string(), headerValue).default({}),
  userAgent: z.string().min(1).optional(),
  /** When the URL serves an HTML page, follow the first feed it announces (and keep polling that feed). */
  discover: z.boolean().default(false),
  /** Override fetch.minIntervalMinutes / fetch.maxIntervalMinutes for this source. */
  minIntervalMinutes: minutes.optional(),
  maxIntervalMinutes: minutes.optional(),
});

export const topicSchema = z.strictObject({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  countries: z.array(countryCode).default([]),
  subregions: z.array(z.string().min(1)).default([]),
  continents: z.array(z.string().min(1)).default([]),
  /** Editorial regions from `regions:`. */
  regions: z.array(z.string().min(1)).default([]),
  sources: z.array(id).default([]),
  limit: z.number().int().positive().max(10_000).optional(),
  /** Only stories from sources that have one of these categories. */
  categories: z.array(z.string().min(1)).default([]),
  /** Keywords ("oil price": whole words, any case) or /regular expressions/ with flags i, m, s, run by RE2. */
  include: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  /** Which text include/exclude look at. */
  in: z.enum(['title', 'summary', 'both']).default('both'),
  /** BCP 47 language tags; "en" also matches "en-GB". */
  language: z
    .union([languageTag, z.array(languageTag)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .default([]),
  /** Only articles published within this age: "90m", "36h", "7d", "2w"; in milliseconds after parsing. */
  maxAge: duration.optional(),
  /** off: every article is its own entry instead of one entry per story. */
  dedupe: z
    .union([z.enum(['on', 'off']), z.boolean()])
    .transform((v) => v === true || v === 'on')
    .default(true),
});

export const ruleSchema = z
  .strictObject({
    /** A JavaScript regular expression. */
    match: z.string().min(1),
    ignoreCase: z.boolean().default(false),
    in: z.enum(['title', 'summary', 'both']).default('both'),
    /** Only for these sources' articles; default every source. */
    sources: z.array(id).default([]),
    add: z.array(countryCode).default([]),
    remove: z.array(countryCode).default([]),
  })
  .refine((r) => r.add.length + r.remove.length > 0, 'a rule needs countries to "add" or "remove"');

export const configSchema = z.strictObject({
  database: z.string().min(1).default('data/gazette.db'),
  output: z
    .strictObject({
      dir: z.string().min(1).default('feeds'),
      baseUrl: httpUrl.default('http://localhost:8080/').transform((s) => (s.endsWith('/') ? s : `${s}/`)),
      title: z.string().min(1).default('Gazette'),
      limit: z.number().int().positive().max(10_000).default(50),
      /** Also write one feed per continent (regions/<name>) and per country with articles (countries/<code>). */
      autoTopics: z.boolean().default(true),
      /** RFC 5005 archive pages: entries that left a topic's feed, so a returning subscriber can catch up. */
      archive: z
        .strictObject({
          enabled: z.boolean().default(true),
          pageSize: z.number().int().positive().max(10_000).default(100),
        })
        .prefault({}),
    })
    .prefault({}),
  schedule: z
    .string()
    .refine((s) => cron.validate(s), 'must be a cron expression such as "*/15 * * * *" (minute hour day month weekday)')
    .default('*/15 * * * *'),
  server: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(8080),
      host: z.string().min(1).default('0.0.0.0'),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      timeoutSeconds: z.number().positive().max(600).default(20),
      /** Deadline of a cycle's polls: then polls in flight are aborted and those not started fail at once. */
      cycleDeadlineSeconds: z.number().positive().max(24 * 60 * 60).default(600),
      maxBytes: z.number().int().positive().default(10 * 1024 * 1024),
      concurrency: z.number().int().positive().max(256).default(16),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      allowPrivateNetworks: z.boolean().default(false),
      userAgent: z.string().min(1).optional(),
      /** Newest items kept from one poll; the rest of a huge feed is ignored. */
      maxItemsPerPoll: z.number().int().positive().default(1000),
      /** Requests in flight at once to one host name (within `concurrency`). */
      perHost: z.number().int().positive().max(256).default(2),
      /** Longest wait between retries of a failing source (exponential backoff). */
      backoffCapHours: z.number().positive().max(24 * 366).default(24),
      /** Bounds of the adaptive interval between polls of a healthy source (see README "Polling policy"). */
      minIntervalMinutes: minutes.default(5),
      maxIntervalMinutes: minutes.default(24 * 60),
    })
    .prefault({}),
  classify: z
    .strictObject({
      /** Leaders, institutions and other cues that name no place; default: the bundled config/cues.yaml. */
      cuesFile: z.string().min(1).optional(),
      /** The country "Soviet Union", "USSR" and "Soviet" count for; null: none. */
      ussrAs: countryCode.nullable().default('RU'),
      /** Start from the seven BBC/NYT-style editorial regions; `regions:` overrides or extends them. */
      defaultRegions: z.boolean().default(true),
    })
    .prefault({}),
  /** Overrides: a regular expression on the title and/or summary adds or removes countries. */
  rules: z.array(ruleSchema).default([]),
  /** Editorial regions: name → member countries. */
  regions: z.record(z.string().min(1), z.array(countryCode)).default({}),
  sources: z.array(sourceSchema).default([]),
  topics: z.array(topicSchema).default([]),
  /** Story clustering: which articles are one story (docs/DEDUPE.md). */
  dedupe: z
    .strictObject({
      /** Query parameters dropped from links, `prefix*` for a family; replaces the default list. */
      trackingParams: z.array(z.string().min(1)).default([...DEFAULT_DEDUPE_SETTINGS.trackingParams]),
      /** Articles published further apart never join one story by title or text. */
      windowDays: z.number().positive().max(30).default(DEFAULT_DEDUPE_SETTINGS.windowDays),
      /** Jaccard similarity of the title + summary word bigrams at which two articles are one story. */
      similarity: z.number().gt(0).max(1).default(DEFAULT_DEDUPE_SETTINGS.similarity),
      /** Share of the shorter text's bigrams repeated by the longer one at which an excerpt joins. */
      containment: z.number().gt(0).max(1).default(DEFAULT_DEDUPE_SETTINGS.containment),
      /** Pairs of source ids whose articles never share a story. */
      neverMerge: z.array(z.tuple([id, id])).default([]),
    })
    .prefault({}),
  /** WebSub: every topic feed names the hub, and the hub is told when a feed changed. */
  websub: z.strictObject({ hub: httpUrl.optional() }).prefault({}),
  /** Pruning after each cycle; an article whose story a topic feed still shows is never removed. */
  retention: z
    .strictObject({
      /** Counted from when Gazette first saw the article. */
      maxAgeDays: z.number().positive().default(180),
      maxArticlesPerSource: z.number().int().positive().default(5000),
      /** Articles deleted per transaction, so a large prune never holds the database for long. */
      batchSize: z.number().int().positive().max(100_000).default(1000),
    })
    .prefault({}),
}).superRefine(checkIntervalBounds);

/** Each source's effective minIntervalMinutes must not exceed its effective maxIntervalMinutes. */
function checkIntervalBounds(
  config: { fetch: { minIntervalMinutes: number; maxIntervalMinutes: number }; sources: z.infer<typeof sourceSchema>[] },
  ctx: z.RefinementCtx,
): void {
  const { minIntervalMinutes: min, maxIntervalMinutes: max } = config.fetch;
  if (min > max) {
    ctx.addIssue({ code: 'custom', path: ['fetch', 'maxIntervalMinutes'], message: `must not be less than fetch.minIntervalMinutes (${min})` });
  }
  config.sources.forEach((source, i) => {
    const ownMin = source.minIntervalMinutes ?? min;
    const ownMax = source.maxIntervalMinutes ?? max;
    if (ownMin <= ownMax) return;
    const key = source.maxIntervalMinutes === undefined ? 'minIntervalMinutes' : 'maxIntervalMinutes';
    ctx.addIssue({
      code: 'custom',
      path: ['sources', i, key],
      message: `the source's minIntervalMinutes (${ownMin}) exceeds its maxIntervalMinutes (${ownMax})`,
    });
  });
}

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type TopicConfig = z.infer<typeof topicSchema>;
export type FetchSettings = Config['fetch'];
