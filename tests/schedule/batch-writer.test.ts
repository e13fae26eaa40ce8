import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchWriter } from '../../src/schedule/batch-writer.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';

// Real SQLite file; a second connection sees only what was committed.
describe('BatchWriter', () => {
  let file: string;
  let store: Store;
  let reader: Database.Database;
  const committedPolls = () => reader.prepare('SELECT count(*) FROM polls').pluck().get() as number;
  const poll = (sourceId: string) => () =>
    store.recordPoll({ sourceId, startedAt: 1, finishedAt: 2, outcome: 'not-modified', bytes: 0, newCount: 0, updatedCount: 0, nextPollAt: 3 });

  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'gazette-writer-')), 'g.db');
    store = openSqliteStore(file);
    store.syncSources(['a', 'b', 'c'].map((id) => ({ id, url: `https://${id}.test/feed` })));
    reader = new Database(file, { readonly: true });
  });
  afterEach(() => {
    reader.close();
    store.close();
  });

  it('commits once the batch is full, and settles each write only after its commit', async () => {
    const writer = new BatchWriter(store, { maxWrites: 2, maxDelayMs: 60_000 });
    let settled = false;
    const first = writer.write(poll('a')).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    expect(committedPolls()).toBe(0);
    const second = writer.write(poll('b'));
    await Promise.all([first, second]);
    expect(committedPolls()).toBe(2);
  });

  it('commits a partial batch after its delay, or when flushed', async () => {
    const timed = new BatchWriter(store, { maxWrites: 100, maxDelayMs: 20 });
    await timed.write(poll('a'));
    expect(committedPolls()).toBe(1);
    const flushed = new BatchWriter(store, { maxWrites: 100, maxDelayMs: 60_000 });
    const pending = flushed.write(poll('b'));
    flushed.flush();
    await pending;
    expect(committedPolls()).toBe(2);
  });

  it('rolls back only the write that failed; the others of its batch are stored', async () => {
    const writer = new BatchWriter(store, { maxWrites: 3, maxDelayMs: 60_000 });
    const results = await Promise.allSettled([
      writer.write(poll('a')),
      writer.write(() => {
        poll('b')();
        throw new Error('this source failed halfway');
      }),
      writer.write(poll('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(reader.prepare('SELECT source_id FROM polls ORDER BY source_id').pluck().all()).toEqual(['a', 'c']);
  });

  it('fails every write of a batch whose commit fails, and stores none', async () => {
    // A deferred foreign key is checked only at COMMIT: a real failing commit.
    const db = new Database(join(mkdtempSync(join(tmpdir(), 'gazette-writer-')), 'fk.db'));
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    const writer = new BatchWriter({ transaction: (fn) => db.transaction(fn)() }, { maxWrites: 2, maxDelayMs: 60_000 });
    const results = await Promise.allSettled([
      writer.write(() => db.prepare('INSERT INTO parent (id) VALUES (1)').run()),
      writer.write(() => db.prepare('INSERT INTO child (parent) VALUES (2)').run()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(db.prepare('SELECT count(*) FROM parent').pluck().get()).toBe(0);
    db.close();
  });
});
