// Floor: rss-parser over every feed document, no network.
//   node dist-bench/bench/floor-parse.js <dir-with-files>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';

const dir = process.argv[2]!;
const parser = new Parser();
let items = 0;
for (const name of readdirSync(dir)) {
  const feed = await parser.parseString(readFileSync(join(dir, name), 'utf8'));
  items += feed.items.length;
}
process.stdout.write(`${JSON.stringify({ items })}\n`);
