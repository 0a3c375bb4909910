import { describe, expect, it } from 'vitest';
import { compressSentence } from '../../src/summarise/compress-sentence.js';

describe('compressSentence keeps openings that bound the claim', () => {
  it.each([
    [
      'After November 2016, all releases of the client library will only be compatible with Java 7 and higher.',
    ],
    ['In 2020, overdoses were up by 31% in the country, according to the health agency.'],
    ['Ten years ago today, the first article of the testing blog was posted by its three founders.'],
    ['As the amount of data in a database grows, queries that used to be fast can slow down badly.'],
    ['In France, unemployment rose for the third quarter in a row as factories cut more jobs.'],
  ])('keeps when, where or under what condition: %s', (sentence) => {
    expect(compressSentence(sentence)).toBe(sentence);
  });

  it('still drops openings that only set the scene', () => {
    expect(
      compressSentence(
        'As expected, the council approved the new bridge after a debate that lasted four hours.',
      ),
    ).toBe('The council approved the new bridge after a debate that lasted four hours.');
    expect(
      compressSentence(
        'In an interview on Monday, the port director said he expects two more cranes next year.',
      ),
    ).toBe('The port director said he expects two more cranes next year.');
  });

  it('ends an opening after the state that follows a city, not inside the place', () => {
    const sentence =
      'During a rally in Fort Worth, Texas, the candidate began his usual tirade against the newspapers he dislikes.';
    expect(compressSentence(sentence)).toBe(
      'The candidate began his usual tirade against the newspapers he dislikes.',
    );
    // A list of names after a place is no state: the opening ends at the first comma.
    expect(
      compressSentence(
        'With Jeff in Vegas, Ryan, Vinny, Patrick and Brad explore the limits of microphone clipping.',
      ),
    ).toBe('Ryan, Vinny, Patrick and Brad explore the limits of microphone clipping.');
  });
});

describe('compressSentence and lists', () => {
  it('keeps the last item of a list of participles', () => {
    const sentence =
      'Jorge fulfilled the biggest ambition of his young life by standing up, walking over to his classmates, and playing with them.';
    expect(compressSentence(sentence)).toBe(sentence);
  });
});

describe('compressSentence and what hangs on a clause', () => {
  it('drops an opening aside like "Plus," but not "Well over 100"', () => {
    expect(compressSentence('Plus, it is engineered to last for years in the harshest conditions.')).toBe(
      'It is engineered to last for years in the harshest conditions.',
    );
    const wellOver = 'Well over 100 people were hurt in the crash on the motorway, police said.';
    expect(compressSentence(wellOver)).toBe(wellOver);
  });

  it('drops a label before the statement: "TL;DR:", "Update, two hours later:", "BTW,", "Note:"', () => {
    expect(compressSentence('TL;DR: we examined the future of remote work in a new report.')).toBe(
      'We examined the future of remote work in a new report.',
    );
    expect(
      compressSentence('Update, two hours later: the maker has told reporters that the feature will return.'),
    ).toBe('The maker has told reporters that the feature will return.');
    expect(compressSentence('BTW, I wrote up my rules for the people who write standards.')).toBe(
      'I wrote up my rules for the people who write standards.',
    );
    expect(compressSentence('Hello all, I bought a new network switch and some cards for my rack.')).toBe(
      'I bought a new network switch and some cards for my rack.',
    );
    expect(compressSentence('Note: the call to close the file is optional in this release.')).toBe(
      'The call to close the file is optional in this release.',
    );
  });

  it('keeps a dash that goes on with the story and a bracket that compares', () => {
    const onwards =
      'Curt came to the company while on sabbatical from his professorship at the college — and never went back.';
    expect(compressSentence(onwards)).toBe(onwards);
    const compared =
      'The new desktop beats the old laptop on disk space (3 TB vs. 128 GB) and memory by a long way, I think.';
    expect(compressSentence(compared)).toContain('(3 TB vs. 128 GB)');
  });

  it('keeps the sentence after an opening that only names and titles a letter', () => {
    const text = compressSentence(
      'In the letter, titled “Moving Forward” and obtained by the Daily Courier, the investors wrote to the founder that he must leave.',
    );
    expect(text).toMatch(/^In the letter, titled “Moving Forward”/u);
    expect(text).toMatch(/the investors wrote to the founder that he must leave\.$/u);
  });

  it('keeps a clause that a participle after it hangs on', () => {
    const sentence =
      'The firm is emailing users about a new app called Photo Doctor, which claims to find bad photos, thereby saving them space on their phones.';
    expect(compressSentence(sentence)).toBe(sentence);
  });
});

describe('compressSentence and dash asides after a name', () => {
  it('closes a name set off by a comma after its title when the aside goes', () => {
    expect(
      compressSentence(
        'The country’s prime minister, Ana Rowe – who lost a confidence vote on Sunday – claimed last week that the talks had failed.',
      ),
    ).toBe('The country’s prime minister, Ana Rowe, claimed last week that the talks had failed.');
    expect(
      compressSentence(
        'In the final episode of the series, Rose Hart – star of the new film – orders her favourite meal at the restaurant.',
      ),
    ).toBe('Rose Hart orders her favourite meal at the restaurant.');
  });
});

describe('compressSentence and passive verbs', () => {
  it('never reads "was written at a time when" as a subject with a participle after it', () => {
    const sentence =
      'The Act was written at a time when a lot of the mechanics of the law still had to be worked out.';
    expect(compressSentence(sentence)).toBe(sentence);
  });
});

describe('compressSentence and brackets that limit the claim', () => {
  it('keeps "(only …)" and "(but not …)" and drops other asides', () => {
    const limited =
      'The team fixed a flaw in the query builder reported by a researcher last week (only relevant to versions 4.1-5.8).';
    expect(compressSentence(limited)).toBe(limited);
    expect(
      compressSentence(
        'The team fixed a flaw in the query builder reported by a researcher last week (see the notes).',
      ),
    ).toBe('The team fixed a flaw in the query builder reported by a researcher last week.');
  });
});

describe('compressSentence keeps a time adverb after a verb of being', () => {
  it('keeps "was previously tested" and "was then working", and drops "has previously reported"', () => {
    const tested =
      'When checks fail on code that was previously tested, something in the code base is newly broken.';
    expect(compressSentence(tested)).toMatch(/was previously tested/u);
    expect(
      compressSentence(
        'Ana Lind, who faces a lawsuit in Oslo over the sale, was then working for a large bank in Bergen.',
      ),
    ).toMatch(/was then working/u);
    expect(
      compressSentence(
        'The agency has previously reported that the dam was safe for another twenty years of heavy use.',
      ),
    ).toMatch(/^The agency has reported/u);
  });
});

describe('compressSentence keeps a second subject after "as"', () => {
  it('keeps ", as does …" and ", as did …", which add to the claim', () => {
    const sentence =
      'Prices rose sharply in the north of the country over the last year, as did rents in the capital and its suburbs.';
    expect(compressSentence(sentence)).toMatch(/as did rents in the capital/u);
  });
});

describe('compressSentence keeps a clause after a dash', () => {
  it('keeps "– Ana Lind was the guest" and drops "– the total amount …"', () => {
    expect(
      compressSentence(
        'The evening focused on exam preparation and on the myths about entrance tests – Ana Lind was the main speaker.',
      ),
    ).toMatch(/Ana Lind was the main speaker/u);
    expect(
      compressSentence(
        'Every user can now set the offer balance when creating an offer — the total amount of money they will trade.',
      ),
    ).toBe('Every user can now set the offer balance when creating an offer.');
  });
});
