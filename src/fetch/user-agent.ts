import { readFileSync } from 'node:fs';

// package.json sits two levels up from both src/fetch/ and dist/fetch/.
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  homepage: string;
};

/** Identifies the poller to feed publishers and tells them where to read about it. */
export const DEFAULT_USER_AGENT = `Gazette/${manifest.version} (+${manifest.homepage})`;
