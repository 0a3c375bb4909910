import { describe, expect, it } from 'vitest';
import {
  describeQuery,
  matchesQuery,
  parseQuery,
  QueryError,
  type QueryErrorReason,
} from '../../src/alerts/query.js';
import { foldWord, tokeniseText } from '../../src/alerts/tokenise-text.js';

const doc = (title: string, text = '') => ({ feedUrl: 'https://example.org/feed', title, text });
const matches = (query: string, title: string, text = ''): boolean =>
  matchesQuery(parseQuery(query), doc(title, text));

describe('foldWord', () => {
  it.each([
    ['Élysée', 'elysee'],
    ['STRASSE', 'strasse'],
    ['Straße', 'strasse'],
    ['Œuvre', 'oeuvre'],
    ['København', 'kobenhavn'],
    ['Łódź', 'lodz'],
    ['İstanbul', 'istanbul'],
    ['ＡＢＣ', 'abc'],
    ['ﬁnance', 'finance'],
    ['São', 'sao'],
  ])('folds %s to %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });
});

describe('tokeniseText', () => {
  it('splits on punctuation, keeps letters and digits together, and records offsets', () => {
    const tokens = tokeniseText("L'Élysée said: 5G covid-19");
    expect(tokens.map((t) => t.text)).toEqual(['l', 'elysee', 'said', '5g', 'covid', '19']);
    expect(tokens[1]).toMatchObject({ start: 2, end: 8 });
  });

  it('leaves a gap in positions at sentence breaks so phrases stay within a sentence', () => {
    const tokens = tokeniseText('in Paris. Hilton said "no." Then');
    expect(tokens.map((t) => t.position)).toEqual([0, 1, 3, 4, 5, 7]);
  });

  it('cuts Chinese and Japanese text into characters', () => {
    expect(tokeniseText('北京大学 news').map((t) => t.text)).toEqual(['北', '京', '大', '学', 'news']);
  });
});

describe('matchesQuery', () => {
  it.each([
    // [query, title, text, expected]
    ['climate', 'Climate talks resume', '', true],
    ['CLIMATE', 'climate talks', '', true],
    ['élection', 'Election night', '', true],
    ['election', "L'Élection présidentielle", '', true],
    ['strasse', 'Die Straße ist gesperrt', '', true],
    ['ai', 'He said the plan failed', '', false],
    ['ai', 'AI regulation', '', true],
    ['ai', "OpenAI's new model", '', false],
    ['cat', 'Cats everywhere', '', false],
    ['"carbon tax"', 'A tax on carbon', '', false],
    ['"carbon tax"', 'New Carbon Tax announced', '', true],
    ['"carbon tax"', 'x', 'They want carbon. Tax cuts follow.', false],
    ['“carbon tax”', 'the carbon tax', '', true],
    ['«taxe carbone»', 'La taxe carbone revient', '', true],
    ['covid-19', 'COVID 19 cases rise', '', true],
    ['covid-19', 'covid cases rise in 2019', '', false],
    ['climate -sport', 'Climate and sport', '', false],
    ['climate -sport', 'Climate summit', '', true],
    ['climate NOT sport', 'Climate summit', 'Sport later', false],
    ['climate not sport', 'Climate summit', '', true],
    ['climate -"world cup"', 'Climate and the World Cup', '', false],
    ['climate -"world cup"', 'Climate: world leaders cup their hands', '', true],
    ['tax OR levy', 'New levy', '', true],
    ['tax or levy', 'New levy', '', true],
    ['tax | levy', 'New levy', '', true],
    ['tax OR levy', 'New duty', '', false],
    ['carbon tax', 'Tax rises', 'carbon emissions', true],
    ['carbon AND tax', 'Tax rises', '', false],
    ['(tax OR levy) carbon', 'carbon levy', '', true],
    ['(tax OR levy) carbon', 'carbon duty', '', false],
    ['tax OR levy carbon', 'tax rises', '', true],
    ['-(tax OR levy) carbon', 'carbon levy', '', false],
    ['-(tax OR levy) carbon', 'carbon duty', '', true],
    ['NOT (carbon tax) emissions', 'carbon emissions', '', true],
    ['NOT (carbon tax) emissions', 'carbon tax emissions', '', false],
    ['the euro', 'Euro falls', '', true],
    ['WHO vaccine', 'Who gets the vaccine?', '', true],
    ['"or"', 'gold or silver', '', true],
    ['+nasa', 'NASA launch', '', true],
    ['U.S. sanctions', 'New US sanctions', '', false],
    ['U.S. sanctions', 'New U.S. sanctions', '', true],
  ])('%s on "%s" / "%s" → %s', (query, title, text, expected) => {
    expect(matches(query, title, text)).toBe(expected);
  });
});

describe('parseQuery errors', () => {
  const cases: Array<[string, QueryErrorReason, RegExp]> = [
    ['', 'empty', /empty/],
    ['   ', 'empty', /empty/],
    ['!!! ...', 'empty', /no words/],
    ['x'.repeat(201), 'too-long', /201 characters.*limit is 200/],
    [Array.from({ length: 21 }, (_, i) => `word${i}`).join(' '), 'too-many-terms', /21 words.*limit is 20/],
    ['the', 'stop-words-only', /very common words \(the\)/],
    ['le la les', 'stop-words-only', /very common/],
    ['und oder -katze', 'stop-words-only', /very common/],
    ['"carbon tax', 'unbalanced-quotes', /quote at character 1 that is never closed/],
    ['carbon "tax" "levy', 'unbalanced-quotes', /never closed/],
    ['(carbon OR tax', 'unbalanced-parentheses', /opens a parenthesis at character 1/],
    ['carbon OR tax)', 'unbalanced-parentheses', /closes a parenthesis at character 14/],
    ['carbon ()', 'misplaced-operator', /empty parentheses/],
    ['carbon AND', 'misplaced-operator', /AND needs a word or phrase on each side/],
    ['OR carbon', 'misplaced-operator', /OR needs/],
    ['carbon NOT', 'misplaced-operator', /NOT \(or "-"\) needs a word/],
    ['carbon (- )', 'misplaced-operator', /empty parentheses/],
    ['carbon (-)', 'misplaced-operator', /NOT \(or "-"\) needs a word/],
    ['-carbon', 'only-negations', /only excludes words/],
    ['NOT carbon -tax', 'only-negations', /only excludes words/],
    ['carbon OR -tax', 'only-negations', /Give each OR alternative a word/],
    ['carbon -carbon', 'never-matches', /can never match/],
    [
      '(a1 OR b1) (c1 OR d1) (e1 OR f1) (g1 OR h1) (i1 OR j1) (k1 OR l1)',
      'too-complex',
      /more than 32 alternatives/,
    ],
  ];
  it.each(cases)('refuses %j (%s)', (query, reason, message) => {
    let error: unknown;
    try {
      parseQuery(query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).reason).toBe(reason);
    expect((error as QueryError).message).toMatch(message);
  });
});

describe('describeQuery', () => {
  it.each([
    ['Climate', 'climate'],
    ['  "Carbon   Tax"  OR levy   -Germany ', '"carbon tax" OR (levy -germany)'],
    ['a AND (b1 OR c1) AND NOT d1', '(b1 OR c1) -d1'],
    ['the WHO and vaccines', 'WHO vaccines'],
    ['-(tax OR levy) carbon', '-(tax OR levy) carbon'],
    ['NOT NOT climate', 'climate'],
  ])('shows %j as %j', (query, shown) => {
    expect(describeQuery(parseQuery(query))).toBe(shown);
  });

  it('gives a form that parses back to itself', () => {
    for (const query of ['x1 (y1 OR "z1 w1") -v1', 'a1 OR b1 c1 OR -(d1 e1) f1', 'covid-19 «taxe carbone»']) {
      const shown = describeQuery(parseQuery(query));
      expect(describeQuery(parseQuery(shown))).toBe(shown);
    }
  });

  it('reports the common words it ignored', () => {
    expect(parseQuery('the price of gold').ignoredWords).toEqual(['the', 'of']);
  });
});
