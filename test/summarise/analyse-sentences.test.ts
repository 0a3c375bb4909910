import { describe, expect, it } from 'vitest';
import { bylineName } from '../../src/summarise/summarise-article.js';
import { analyseSentences, attributionOf } from '../../src/summarise/analyse-sentences.js';

describe('analyseSentences', () => {
  it('reads a group of experts closing a view as its source', () => {
    const sentences = analyseSentences(
      [
        'Warmer winters are to blame too, many local researchers think, with the snow melting early.',
        'The drought will last, most economists fear.',
        'The lake is shrinking, the rangers think.',
      ],
      'en',
      10,
    );
    expect(sentences.map((sentence) => sentence.source)).toEqual([
      'many local researchers',
      'most economists',
      undefined,
    ]);
    expect(sentences[0]?.sourceInSentence).toBe(true);
  });
});

describe('analyseSentences with an aside after the speaker', () => {
  it('reads the name before a comma-fenced aside as the source of the reporting verb', () => {
    const [sentence] = analyseSentences(
      ['Marta Lind, one of the best-known hydrologists in the valley, said the dam was never tested.'],
      'en',
      10,
    );
    expect(sentence?.source).toBe('Marta Lind');
    expect(sentence?.sourceInSentence).toBe(true);
  });
});

describe('analyseSentences with a list after a reporting lead-in', () => {
  it('reads each line of the list as a statement of the speaker, not a subheading', () => {
    const sentences = analyseSentences(
      [
        'In the interview, the mayor also said:',
        'The new quay will open to ferries in May',
        'Dredging the channel costs more than planned',
        'Maps',
        'Ferries resumed on Monday.',
        'Weather warnings',
      ],
      'en',
      20,
    );
    expect(sentences.map((sentence) => [sentence.isHeading, sentence.source])).toEqual([
      [false, 'mayor'],
      [false, 'mayor'],
      [false, 'mayor'],
      // Too short to state anything: a heading still.
      [true, undefined],
      [false, undefined],
      [true, undefined],
    ]);
  });
});

describe('analyseSentences with a long quotation credited at its close', () => {
  it('gives every sentence of the quotation the speaker named after it', () => {
    const sentences = analyseSentences(
      [
        '“One of the things I will do if I win is simple. I am going to open up our libel laws. We are going to open up those laws. So when the Daily Courier writes a hit piece, we can sue them and win,” Rowe said.',
      ],
      'en',
      10,
    );
    expect(sentences.map((sentence) => sentence.source)).toEqual(['Rowe', 'Rowe', 'Rowe', 'Rowe']);
    // The paper that "writes a hit piece" inside the quotation is no source.
    expect(sentences[3]?.sourceInSentence).toBe(true);
  });
});

describe('analyseSentences with a quoted block after a lead-in line', () => {
  it('gives the paragraph after "Name, writing for Paper:" that author as its source, and no further', () => {
    const sentences = analyseSentences(
      [
        'Ana Lind, writing for The Harbour Times:',
        'The order is not a subpoena. It was issued under an old act that few judges have read.',
        'This is the part that worries me most.',
      ],
      'en',
      10,
    );
    expect(sentences.map((sentence) => sentence.source)).toEqual([
      undefined,
      'Ana Lind',
      'Ana Lind',
      undefined,
    ]);
  });
});

describe('analyseSentences across a paragraph break', () => {
  it('gives "she said" opening a paragraph the source named at the end of the one before', () => {
    const sentences = analyseSentences(
      [
        'The harbour will reopen next month, the mayor, Ana Lind, said on Monday.',
        '“We are ready for the ships,” she said.',
        'Repairs cost more than planned. It is not known who will pay, she said.',
      ],
      'en',
      10,
    );
    expect(sentences.map((sentence) => sentence.source)).toEqual([
      'Ana Lind',
      'Ana Lind',
      undefined,
      undefined,
    ]);
  });

  it('gives "she wrote" the name of a report in a clause before, but not that sentence', () => {
    const sentences = analyseSentences(
      [
        'The dancer left the company shortly after Lena Ivanova wrote a post about the war. “I am against it,” she wrote.',
      ],
      'en',
      10,
    );
    expect(sentences.map((sentence) => sentence.source)).toEqual([undefined, 'Lena Ivanova']);
  });

  it('does not give "we" after a paragraph break to the last person quoted', () => {
    const sentences = analyseSentences(
      [
        'Our goal is to spend less time on triage, Nayana Shetty said.',
        'We said we would halve it, and we did.',
      ],
      'en',
      10,
    );
    expect(sentences[1]?.source).toBeUndefined();
  });
});

describe('analyseSentences and embedded posts', () => {
  it('credits a post to the name in its sign-off line, but not across a dropped line', () => {
    const sentences = analyseSentences(
      [
        'The network skipped the results on Wednesday morning.',
        'The channel has nothing on the election this morning, instead it replays old highlights.',
        '— Cora Bell (@corabell) November 8, 2017',
      ],
      'en',
      10,
    );
    expect(sentences[1]?.source).toBe('Cora Bell');
    expect(sentences[0]?.source).toBeUndefined();
  });
});

describe('analyseSentences with a byline', () => {
  it('credits the writer with first-person statements outside quotations only', () => {
    const sentences = analyseSentences(
      [
        'I believe the new bridge will change the town for the better.',
        '“I think it is too expensive,” said the mayor, Ana Lind.',
        'We found that traffic fell by a third in the first month.',
      ],
      'en',
      10,
      'Tom Berg',
    );
    expect(sentences.map((sentence) => attributionOf(sentence).attribution)).toEqual([
      'Tom Berg',
      'mayor, Ana Lind',
      'Tom Berg',
    ]);
    // Shown as the source, not ranked as one: every sentence of the piece is the writer's.
    expect(sentences[0]?.source).toBeUndefined();
    expect(attributionOf(analyseSentences(['I believe the bridge will help.'], 'en', 10)[0]!)).toEqual({});
  });
});

describe('bylineName', () => {
  it('takes a name from a feed’s author field, and nothing from an address or a list of authors', () => {
    expect(bylineName('noreply@blogger.com (Ana Lind)')).toBe('Ana Lind');
    expect(bylineName('By: Tom Berg')).toBe('Tom Berg');
    expect(bylineName('The Cloud blog team')).toBe('The Cloud blog team');
    expect(bylineName('editor@example.org')).toBeUndefined();
    expect(bylineName('Lind, A., Berg, T., Ruiz, C.')).toBeUndefined();
    expect(bylineName('@tomberg')).toBeUndefined();
  });
});
