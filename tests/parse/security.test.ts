import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseError, parseFeed } from '../../src/parse/index.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';

// Entity expansion is the classic XML parser attack: ten levels of ten make 10^9 "lol".
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;&lol9;</description></item>
</channel></rss>`;

function externalEntities(server: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "${server}/external.dtd" [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "${server}/secret">
  <!ENTITY % parameter SYSTEM "${server}/parameter.dtd">
  %parameter;
]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>&passwd;</title><description>&remote; and &passwd;</description><link>https://x.example/1</link></item>
</channel></rss>`;
}

// Quadratic blow-up: one big entity referenced many times; 50 000 × 50 000 characters if expanded.
const BIG = 'a'.repeat(50_000);
const QUADRATIC = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY big "${BIG}">]>
<rss version="2.0"><channel><title>Quadratic</title>
<item><title>&big;</title><link>https://q.example/&big;</link><description>${'&big;'.repeat(50_000)}</description></item>
</channel></rss>`;

/** Whatever the parse gives, as one string to search: the feed, or the error's message. */
async function outcomeText(text: string): Promise<string> {
  try {
    return JSON.stringify(await parseFeed(text, { url: 'https://x.example/feed' }));
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).message;
  }
}

describe('XML entity attacks', () => {
  let server: TestServer;
  beforeAll(async () => {
    const body = serve('SECRET-FROM-THE-NETWORK', 'text/plain');
    server = await startServer({ '/secret': body, '/external.dtd': body, '/parameter.dtd': body });
  });
  afterAll(() => server.close());

  it('does not expand nested entities (billion laughs)', async () => {
    const text = await outcomeText(BILLION_LAUGHS);
    expect(text).not.toContain('lollol');
    expect(text.length).toBeLessThan(5_000);
  });

  it('does not expand one big entity referenced many times (quadratic blow-up)', async () => {
    const text = await outcomeText(QUADRATIC);
    expect(text).not.toContain(BIG.slice(0, 1000));
    expect(text.length).toBeLessThan(QUADRATIC.length);
  });

  it('reads no external entity, external DTD or parameter entity', async () => {
    const passwdSample = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    const text = await outcomeText(externalEntities(server.url));
    expect(text).not.toContain(passwdSample);
    expect(text).not.toContain('root:');
    expect(text).not.toContain('SECRET-FROM-THE-NETWORK');
    expect(server.requests).toEqual([]);
  });
});
