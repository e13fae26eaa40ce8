import cron from 'node-cron';
import { z } from 'zod';

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

export const sourceSchema = z.strictObject({
  id,
  url: httpUrl,
  title: z.string().min(1).optional(),
  country: countryCode.optional(),
  categories: z.array(z.string().min(1)).default([]),
  priority: z.number().int().default(0),
  headers: z.record(z.string(), z.string()).default({}),
  userAgent: z.string().min(1).optional(),
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
});

export const configSchema = z.strictObject({
  database: z.string().min(1).default('data/gazette.db'),
  output: z
    .strictObject({
      dir: z.string().min(1).default('feeds'),
      baseUrl: httpUrl.default('http://localhost:8080/').transform((s) => (s.endsWith('/') ? s : `${s}/`)),
      title: z.string().min(1).default('Gazette'),
      limit: z.number().int().positive().max(10_000).default(50),
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
      maxBytes: z.number().int().positive().default(10 * 1024 * 1024),
      concurrency: z.number().int().positive().max(256).default(16),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      allowPrivateNetworks: z.boolean().default(false),
      userAgent: z.string().min(1).optional(),
      /** Newest items kept from one poll; the rest of a huge feed is ignored. */
      maxItemsPerPoll: z.number().int().positive().default(1000),
    })
    .prefault({}),
  classify: z
    .strictObject({
      /** Leaders, institutions and other cues that name no place; default: the bundled config/cues.yaml. */
      cuesFile: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Editorial regions: name → member countries. */
  regions: z.record(z.string().min(1), z.array(countryCode)).default({}),
  sources: z.array(sourceSchema).default([]),
  topics: z.array(topicSchema).default([]),
});

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type TopicConfig = z.infer<typeof topicSchema>;
export type FetchSettings = Config['fetch'];
