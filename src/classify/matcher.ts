import type { LexiconEntry } from './lexicon.js';

// All lexicon spellings compiled once into one regular expression shaped like a
// trie: at each word start the engine follows shared prefixes instead of trying
// thousands of alternatives, and greedy optional tails make the longest spelling
// win ("Guinea-Bissau" over "Guinea").

export interface Match {
  /** The spelling as found. */
  text: string;
  start: number;
  end: number;
  entries: readonly LexiconEntry[];
}

export interface Matcher {
  /** Non-overlapping matches, left to right, longest at each position. */
  find(text: string): Match[];
}

// \b only knows ASCII: "Россия" or "Éire" need Unicode-aware word edges.
const WORD_START = /(?<![\p{L}\p{M}\p{N}])[\p{L}\p{N}]/gu;
const NOT_BEFORE_WORD_CHAR = '(?![\\p{L}\\p{M}\\p{N}])';

export function compileMatcher(surfaces: ReadonlyMap<string, readonly LexiconEntry[]>): Matcher {
  if (surfaces.size === 0) return { find: () => [] };
  // Sticky and tried only where a word starts: far cheaper than letting the engine
  // attempt the whole alternation at every character.
  const pattern = new RegExp(`${trieSource([...surfaces.keys()])}${NOT_BEFORE_WORD_CHAR}`, 'uy');
  return {
    find(text) {
      const matches: Match[] = [];
      let end = 0;
      for (const start of text.matchAll(WORD_START)) {
        if (start.index < end) continue;
        pattern.lastIndex = start.index;
        const m = pattern.exec(text);
        const entries = m && surfaces.get(m[0]);
        if (!m || !entries) continue;
        end = start.index + m[0].length;
        matches.push({ text: m[0], start: start.index, end, entries });
      }
      return matches;
    },
  };
}

interface TrieNode {
  terminal: boolean;
  children: Map<string, TrieNode>;
}

function trieSource(words: string[]): string {
  const root: TrieNode = { terminal: false, children: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let next = node.children.get(ch);
      if (!next) {
        next = { terminal: false, children: new Map() };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return nodeSource(root);
}

function nodeSource(node: TrieNode): string {
  const branches = [...node.children].map(([ch, child]) => escapeChar(ch) + nodeSource(child));
  if (branches.length === 0) return '';
  const alternation = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  if (!node.terminal) return alternation;
  // A word ends here but longer ones continue: greedy, so the longer ones are tried first.
  return `(?:${alternation})?`;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}
