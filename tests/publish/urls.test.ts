import { describe, expect, it } from 'vitest';
import { feedUrls, publishableIri } from '../../src/publish/urls.js';

describe('feedUrls', () => {
  it('derives the feed id from the topic id, and the document URLs from the output path', () => {
    const urls = feedUrls('https://news.example.org/gazette/', 'ru', 'countries/ru');
    expect(urls).toMatchObject({
      feedId: 'https://news.example.org/gazette/topics/ru',
      home: 'https://news.example.org/gazette/countries/ru.html',
      site: 'https://news.example.org/gazette/',
      atom: 'https://news.example.org/gazette/countries/ru.atom',
      rss: 'https://news.example.org/gazette/countries/ru.rss',
      json: 'https://news.example.org/gazette/countries/ru.json',
    });
    expect(urls.schemes.country).toBe('https://news.example.org/gazette/schemes/country');
    expect(urls.archive(3)).toEqual({
      atom: 'https://news.example.org/gazette/archive/countries/ru/3.atom',
      rss: 'https://news.example.org/gazette/archive/countries/ru/3.rss',
      json: 'https://news.example.org/gazette/archive/countries/ru/3.json',
    });
  });

  it('keeps the feed id when only the output path changes', () => {
    expect(feedUrls('http://localhost:8080/', 'ru', 'russia').feedId).toBe(feedUrls('http://localhost:8080/', 'ru', 'countries/ru').feedId);
  });

  it('percent-encodes each path segment and each segment of the topic id', () => {
    const urls = feedUrls('http://localhost:8080/', 'a b/c&d', 'near east/a&b');
    expect(urls.atom).toBe('http://localhost:8080/near%20east/a%26b.atom');
    expect(urls.feedId).toBe('http://localhost:8080/topics/a%20b/c%26d');
  });

  it('an automatic topic keeps its path in its feed id', () => {
    expect(feedUrls('http://localhost:8080/', 'countries/ru', 'countries/ru').feedId).toBe('http://localhost:8080/topics/countries/ru');
  });
});

describe('publishableIri', () => {
  it('percent-encodes only what an IRI cannot contain', () => {
    expect(publishableIri('https://x.example/a b<c>"d"{e}|f\\g^h`i%zz')).toBe(
      'https://x.example/a%20b%3Cc%3E%22d%22%7Be%7D%7Cf%5Cg%5Eh%60i%25zz',
    );
  });

  it('keeps case, existing escapes, query order and non-ASCII characters', () => {
    const iri = 'https://Example.ORG/Статья?b=2&a=%41#Frag';
    expect(publishableIri(iri)).toBe(iri);
  });
});
