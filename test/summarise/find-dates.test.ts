import { describe, expect, it } from 'vitest';
import { findDates, pickDate } from '../../src/summarise/find-dates.js';

describe('findDates', () => {
  it.each([
    ['the agency said on Tuesday, February 4, that', 'February 4'],
    ['published on January 22, 2025 by', 'January 22, 2025'],
    ['le ministère a indiqué le 4 février 2025 que', '4 février 2025'],
    ['die Behörde teilte am 4. Februar mit', '4. Februar'],
    ['el gobierno dijo el 4 de febrero que', '4 de febrero'],
    ['fighting stopped in mid-January', 'mid-January'],
    ['officials said Wednesday that', 'Wednesday'],
    ['the Sept. 25, 2018 report', 'Sept. 25, 2018'],
    ['the summit runs November 14-15, 2017 in Bonn', 'November 14-15, 2017'],
    ['the fair is open 14–16 June in Lyon', '14–16 June'],
    ['the body was found on 26 June last year by police', '26 June last year'],
  ])('%s → %s', (sentence, expected) => {
    expect(pickDate(findDates(sentence))).toBe(expected);
  });

  it('does not give the start of a period as the date', () => {
    expect(pickDate(findDates('the region Ukrainians have held since August'))).toBeUndefined();
    expect(findDates('held since August')[0]?.text).toBe('August');
  });

  it('gives the date that opens the sentence, not a more precise one in a later clause', () => {
    expect(
      pickDate(
        findDates('Last month, the team opened its call for members, joining the others from October 2021.'),
      ),
    ).toBe('Last month');
    expect(pickDate(findDates('In 2019, the firm said on March 5 that sales had doubled.'))).toBe('March 5');
  });

  it('does not take the verb "may" for a month', () => {
    expect(findDates('Rates may rise again, the bank said.')).toEqual([]);
  });
});

describe('findDates: month names that are first names, and stretches of time', () => {
  it.each([
    ['Mai Thi Nguyen-Kim erklärt, warum das so ist.', []],
    ['April Ryan asked the president about the deal.', []],
    ['Irgendwie beruhigend, dass auch Mai eine Sache nicht kann.', []],
    ['Im Mai stiegen die Preise.', ['Mai']],
    ['June is fast approaching, and with it the conference.', ['June']],
    ['In March Apple released a new phone.', ['March']],
    ['We talked about what we might get at the September Apple event.', ['September']],
    ['The design will serve us well for the next decade.', []],
    ['Sales will rise next year, the company said.', ['next year']],
    ['In mid-2018 the company started testing the new queries.', ['mid-2018']],
    ['The editor was written in the early 1990s.', ['early 1990s']],
    ['I still use a mid-2013 MacBook Air at home.', []],
    ['The deals run from Black Friday through Cyber Monday.', []],
    ['The Super Tuesday primaries were held on March 3.', ['March 3']],
    ['On Friday, Black said she would resign.', ['Friday']],
  ])('%s → %j', (sentence, expected) => {
    expect(findDates(sentence).map((date) => date.text)).toEqual(expected);
  });
});
