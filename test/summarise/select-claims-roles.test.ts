import { describe, expect, it } from 'vitest';
import { isShouted, statesSomething } from '../../src/summarise/select-claims.js';
import { selectFrom } from '../support/select-from.js';

describe('selectClaims and calls to action', () => {
  it('never makes a request to watch, follow, buy or give the gist or a claim', () => {
    const selection = selectFrom(
      [
        'Watch Ed and Jim’s YouTube series ‘Just Puddings’.',
        'Please give some money to the children’s hospital.',
        'Get $50 off a bundle with the spring offer.',
        'The comedian Ana Lopez talks about her first tour and the meal she would never order again.',
        'Check out the new tour dates on her website.',
        'Lopez says the tour sold out within a day, a first for a comedy show at the venue.',
        'Share prices of the venue’s owner rose after the tour was announced, the company said.',
      ],
      ['comedian', 'tour'],
    );
    const texts = [selection?.gistText ?? '', ...(selection?.claims ?? []).map((claim) => claim.text)];
    expect(selection?.gistText).toMatch(/Lopez/u);
    expect(texts.join(' ')).not.toMatch(/Watch|Please|Get \$50|Check out/u);
    // A noun that opens a statement is no call to action.
    expect(texts.join(' ')).toMatch(/Share prices/u);
  });
});

describe('selectClaims and words to the reader', () => {
  it('never makes a pointer to more, a thank-you or an offer of help the gist or a claim', () => {
    const selection = selectFrom(
      [
        'The studio released its first full-length animated film on Friday, the company said.',
        'You can get the soundtrack here, along with a making-of booklet.',
        'See how it all ends in the final episode of the series.',
        'Anyone who likes hand-drawn animation should check it out.',
        'If you have any questions about the screenings, you can post them on our forums.',
        'Thanks to the city archive for the photographs of the old studio!',
        'The film took six years to make, director Mina Sato said, and cost less than a live-action feature.',
      ],
      ['studio', 'film'],
    );
    const texts = [selection?.gistText ?? '', ...(selection?.claims ?? []).map((claim) => claim.text)];
    expect(texts.join(' ')).not.toMatch(/You can get|See how|check it out|If you have|Thanks to/u);
    expect(selection?.gistText).toMatch(/^The studio released/u);
    expect(texts.join(' ')).toMatch(/six years/u);
  });

  it('never makes a web address or a pointer to one the gist', () => {
    const selection = selectFrom(
      [
        'Go to our website www.example-podcast.co.uk for a list of the restaurants on the show.',
        'Be sure to also check out our video channel for the recorded episodes.',
        'Comedian Ana Lopez tells the hosts about the worst meal she ever ate on tour in the north.',
      ],
      ['comedian', 'meal'],
    );
    expect(selection?.gistText).toMatch(/^Comedian Ana Lopez/u);
  });

  it('never makes a line of contact details the gist', () => {
    const selection = selectFrom(
      [
        'Leasing office show contact info 12 Harbour Road, open on weekdays and Saturday mornings.',
        'The two-bedroom flat has a new kitchen and a balcony over the harbour.',
      ],
      ['flat', 'harbour'],
    );
    expect(selection?.gistText).toMatch(/^The two-bedroom flat/u);
  });

  it('never makes a greeting or a teaser the gist or a claim', () => {
    const selection = selectFrom(
      [
        'Welcome back to the show after the long summer break.',
        'We have some exciting news for our cloud customers.',
        'Ruby is now available on the standard environment, in addition to the flexible one, the team said.',
      ],
      ['ruby', 'environment'],
    );
    const texts = [selection?.gistText ?? '', ...(selection?.claims ?? []).map((claim) => claim.text)];
    expect(selection?.gistText).toMatch(/^Ruby is now available/u);
    expect(texts.join(' ')).not.toMatch(/Welcome|exciting news/u);
  });

  it('keeps a deal’s price, which is its news', () => {
    const selection = selectFrom(
      [
        'You can get the 44mm Orbit Watch for $259.99 at Example Mart, down from $309, the retailer said.',
        'The discount is the lowest price the watch has had since its launch in March.',
      ],
      ['watch', 'deal'],
    );
    expect(selection?.gistText).toMatch(/^You can get the 44mm Orbit Watch/u);
  });
});

describe('selectClaims on lists', () => {
  it('gives show notes of topic and link lines no gist and no claims', () => {
    const selection = selectFrom(
      [
        'Pre-show: Marco buys a new espresso grinder',
        'Follow-up: Keyboard repairs for older laptops',
        'Does John like Node.js (via Aaron Bushnell)?',
        'What if we had to use Windows?',
        'Post-show Neutral: Casey has car problems',
      ],
      ['standards'],
    );
    expect(selection?.gistText).toBe('');
    expect(selection?.claims).toEqual([]);
  });

  it('reads a short line with a full stop among show-note topics as one more topic', () => {
    const selection = selectFrom(
      [
        'Pre-show: Marco buys a new espresso grinder',
        'Follow-up: Keyboard repairs for older laptops',
        'The store is back with new shirts.',
        'Phone batteries in the cold',
        'Post-show: Casey has car problems',
        'Ending theme by a local band',
      ],
      ['shirts'],
    );
    expect(selection?.gistText).toBe('');
    expect(selection?.claims).toEqual([]);
  });

  it('finds the prose after a list of topics', () => {
    const notes = selectFrom(
      [
        'Pre-show: Marco buys a new espresso grinder',
        'Follow-up: Keyboard repairs for older laptops',
        'What if we had to use Windows?',
        'The panel argued for an hour about whether repair programmes should cover batteries.',
      ],
      ['repair'],
    );
    expect(notes?.gistText).toMatch(/^The panel argued/u);
  });
});

describe('selectClaims: background and news in the opening', () => {
  it('prefers the news a few sentences down to an opening that looks back', () => {
    const selection = selectFrom(
      [
        'Last year, we launched a feature that shows photographers where their images are used.',
        'Photographers told us they wanted more detail about each use.',
        'The feature has been popular with our biggest contributors.',
        'Today, we are releasing a dashboard that lists every article using an image, the company said.',
      ],
      ['dashboard', 'image'],
    );
    expect(selection?.gistText).toMatch(/^Today, we are releasing a dashboard/u);
  });

  it('keeps a lede that states the news', () => {
    const selection = selectFrom(
      [
        'The council approved the new harbour budget on Monday, officials said.',
        'In 2019, the harbour was closed for repairs.',
        'Today, the harbour office is open again.',
      ],
      ['harbour', 'budget'],
    );
    expect(selection?.gist?.index).toBe(0);
  });
});

describe('selectClaims: text a feed cut short', () => {
  it('takes no gist from a sentence cut off by a mark when a whole sentence is there', () => {
    const selection = selectFrom(
      [
        'Two bedroom apartment on Lakeside Drive with a balcony and views of the water, available from July for rent, see the listing at Oak [...]',
        'The building has a gym, a pool and covered parking for every tenant.',
      ],
      ['apartment', 'lakeside'],
    );
    expect(selection?.gistText).toMatch(/^The building has a gym/u);
    expect(statesSomething('We have parking and an on-site lau [...]')).toBe(false);
    expect(statesSomething('Haddad tem 22%, uma diferença de 3 pontos em [?]')).toBe(false);
    expect(statesSomething('The quote ends here. […]')).toBe(true);
  });

  it('reads a paragraph that ends in an elision mark as prose, not as a heading', () => {
    const selection = selectFrom(
      [
        'Ana Lind, writing for the Harbour Post:',
        'The port will reopen to container ships next week after a month of repairs to the main quay. […]',
      ],
      ['port', 'reopen'],
    );
    expect(selection?.gistText).toMatch(/^The port will reopen/u);
  });
});

describe('selectClaims: notes about the piece itself', () => {
  it('never makes an update note or a note that the post was updated the gist or a claim', () => {
    const selection = selectFrom(
      [
        'Update 11/28/17: Added a note about the limited stock of the larger model.',
        'This article was updated on Monday to add new deals and remove expired ones.',
        'The new streaming box plays 4K video and costs less than last year’s model, the maker said.',
      ],
      ['streaming', 'box'],
    );
    const texts = [selection?.gistText ?? '', ...(selection?.claims ?? []).map((claim) => claim.text)];
    expect(selection?.gistText).toMatch(/^The new streaming box/u);
    expect(texts.join(' ')).not.toMatch(/Added a note|was updated/u);
  });
});

describe('selectClaims: a line in capitals', () => {
  it('never makes a shouted slogan the gist', () => {
    const selection = selectFrom(
      [
        'GO OUTSIDE AND PICK SOME WILD BERRIES!',
        'The new field guide lists forty edible plants of the northern coast with photographs of each.',
      ],
      ['guide', 'plants'],
    );
    expect(selection?.gistText).toMatch(/^The new field guide/u);
    expect(isShouted('NASA and ESA will launch the probe in May.')).toBe(false);
  });
});

describe('statesSomething: suppositions set up an example', () => {
  it('refuses "Say your …" and "Let’s say …", but keeps advice that opens with "Consider"', () => {
    expect(statesSomething('Say your analysts have built two models and need quick predictions.')).toBe(
      false,
    );
    expect(statesSomething('Let’s say you wanted to drive from Lyon to Geneva.')).toBe(false);
    expect(statesSomething('Consider refactoring when your loops are more than two levels deep.')).toBe(true);
  });
});

describe('selectClaims: the gist names what the headline names', () => {
  it('prefers the sentence with the headline’s name to a playful opening without it', () => {
    const selection = selectFrom(
      [
        'Well, well, well, it is another treasure at the kitchen table tonight. Chef Ana Lindqvist joins the hosts to cook her favourite meal.',
        'The show is recorded in front of a small audience in the studio.',
      ],
      ['ana', 'lindqvist'],
    );
    expect(selection?.gistText).toMatch(/^Chef Ana Lindqvist joins/u);
  });
});

describe('selectClaims: an opening question', () => {
  it('gives the gist to the answer, not to the question that opens the piece', () => {
    const selection = selectFrom(
      [
        'What could possibly go wrong with armed satellites in orbit?',
        'France plans to put guns on its next satellites so that they can shoot down hostile space hardware.',
      ],
      ['france', 'satellites', 'orbit'],
    );
    expect(selection?.gistText).toMatch(/^France plans/u);
  });
});

describe('selectClaims: a turn after the lede', () => {
  it('gives the gist to the turn when the lede only sets it up', () => {
    const selection = selectFrom(
      [
        'Ana Lind, writing for the Harbour Post:',
        'Analysts have long suspected that two obstacles stood in the way of the carmaker building its own batteries: the plants are expensive and lithium is scarce.',
        'But the carmaker has sidestepped both concerns by buying a stake in a battery maker without acquiring it. The maker now depends on the carmaker for most of its orders.',
      ],
      ['carmaker', 'batteries'],
    );
    expect(selection?.gistText).toMatch(/carmaker has sidestepped/u);
  });
});
