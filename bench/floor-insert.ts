// Floor: better-sqlite3 inserting rows shaped like articles in one transaction.
//   node dist-bench/bench/floor-insert.js <db-file> <rows>
import Database from 'better-sqlite3';

const [file, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const db = new Database(file!);
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, feed INTEGER, guid TEXT UNIQUE, link TEXT,
  title TEXT, summary TEXT, published INTEGER)`);
const insert = db.prepare('INSERT INTO items (feed, guid, link, title, summary, published) VALUES (?, ?, ?, ?, ?, ?)');
const summary = 'x'.repeat(700);
db.transaction(() => {
  for (let i = 0; i < rows; i++) {
    insert.run(i % 1000, `https://site.bench.test/${i}`, `https://site.bench.test/story/${i}`, `Title ${i}`, summary, i);
  }
})();
db.close();
