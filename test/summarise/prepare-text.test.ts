import { describe, expect, it } from 'vitest';
import { prepareText, repairQuotes } from '../../src/summarise/prepare-text.js';
import { SummariseError } from '../../src/summarise/summarise-error.js';

const limit = { maxChars: 500_000 };

describe('prepareText', () => {
  it('takes a heading-like first line as the title and drops its repetition', () => {
    const text = [
      'Harbour bridge to close for repairs, says council',
      '',
      'Harbour bridge to close for repairs, says council',
      '',
      'The council said the bridge will close for six months from March.',
    ].join('\n');
    const prepared = prepareText(text, limit);
    expect(prepared.title).toBe('Harbour bridge to close for repairs, says council');
    expect(prepared.paragraphs).toEqual([
      'The council said the bridge will close for six months from March.',
    ]);
  });

  it('removes reading times, publication lines, bylines, captions, credits and related blocks', () => {
    const text = [
      'Published',
      'Reading time: 4min',
      'By Jane Doe and John Roe',
      'Firefighters at the scene in Lyon, March 3, 2024. (AFP / Jean Martin)',
      'Share this article',
      'Image',
      'The fire destroyed 40 homes, the prefecture said on Sunday.',
      '[Read: How the fire spread]',
      'Photo: a burned street in Lyon',
      'Related Articles',
      'Sept. 25, 2018',
      'Maria Lopez contributed to this report.',
      'This article, "Fire in Lyon destroys 40 homes" first appeared on Example News.',
      'Editor’s note: This column looks at the week in the Rhône valley.',
    ].join('\n\n');
    const prepared = prepareText(text, { ...limit, title: 'Fire in Lyon' });
    expect(prepared.paragraphs).toEqual(['The fire destroyed 40 homes, the prefecture said on Sunday.']);
  });

  it('takes the words of a line opened by a dash or a footnote star, but keeps a post’s sign-off', () => {
    const prepared = prepareText(
      [
        '– Dive modes added to the watch in the spring update.',
        '*£1 from every ticket goes to the food bank in the town.',
        '— Ana Lind (@analind) May 5, 2021',
      ].join('\n\n'),
      limit,
    );
    expect(prepared.paragraphs).toEqual([
      'Dive modes added to the watch in the spring update.',
      '£1 from every ticket goes to the food bank in the town.',
      '— Ana Lind (@analind) May 5, 2021',
    ]);
  });

  it('drops a post’s signature line', () => {
    const prepared = prepareText(
      'We finished the last round of the workshops, and the slides are online now.\n\nAna M. Lind, Developer Relations and Outreach Team',
      limit,
    );
    expect(prepared.paragraphs).toEqual([
      'We finished the last round of the workshops, and the slides are online now.',
    ]);
  });

  it('keeps a paragraph of a deal story that gives its discount code', () => {
    const deal =
      'Working on a laptop in a café is handy, but few people think about who else is on the network. ' +
      'That is why a password manager matters more than ever for people who travel. ' +
      'For the holiday sale, the maker offers a lifetime plan (normally $400) for just $25 with code WINTER25 at checkout.';
    expect(prepareText(deal, limit).paragraphs).toEqual([deal]);
  });

  it('drops style rules, quoted markup and sponsor codes that a feed left in its text', () => {
    const prepared = prepareText(
      [
        'The festival sold 12,000 tickets in its first week, the organisers said.',
        '.share-link a {',
        'margin: 0 10px 0 0;',
        'background: url(https://example.org/icons/social.png) no-repeat 0 0;',
        '}',
        '<h1 class="p-name">My First Post</h1>',
        'Use code harbour30 for $30 off the weightless, wireless headphones.',
        'Rover: Use code river for $25 off your first booking with a sitter.',
      ].join('\n'),
      limit,
    );
    expect(prepared.paragraphs).toEqual([
      'The festival sold 12,000 tickets in its first week, the organisers said.',
    ]);
  });

  it('drops the last item of a list that a feed cut off mid-word, and keeps a whole line without a full stop', () => {
    const cut = prepareText(
      'This week the crew reviews the new racing game, tries three kinds of hot sauce, answers questions about old consoles, remembers the arcade on Main Street, and takes a long look at the stran',
      limit,
    );
    expect(cut.paragraphs).toEqual([
      'This week the crew reviews the new racing game, tries three kinds of hot sauce, answers questions about old consoles, remembers the arcade on Main Street',
    ]);
    const whole =
      'The storm could cost insurers about 3% to 5% of their yearly premiums in the region over the next 12 to 18 months, says an analyst';
    expect(prepareText(whole, limit).paragraphs).toEqual([whole]);
  });

  it('removes zero-width characters and direction marks that split words and numbers', () => {
    const prepared = prepareText(
      'The \u200efire\u200f destroyed 1\u200b200 homes, the \u2066city\u2069 said.',
      limit,
    );
    expect(prepared.paragraphs).toEqual(['The fire destroyed 1200 homes, the city said.']);
  });

  it('takes the words of a bulleted line without its bullet', () => {
    const prepared = prepareText(
      [
        'The council met on Monday to discuss the budget.',
        '• The tidal scheme was left out of the plan again.',
      ].join('\n\n'),
      limit,
    );
    expect(prepared.paragraphs).toEqual([
      'The council met on Monday to discuss the budget.',
      'The tidal scheme was left out of the plan again.',
    ]);
  });

  it('drops a caption and its credit line, and never takes the credit as the title', () => {
    const text = [
      'Photo',
      'Rescue workers at the harbour in Valdoria on Monday. The port reopened after the storm.',
      'Credit Ana Ruiz/Agence Example',
      'The port authority said 12 ships were damaged, and the harbour reopened on Tuesday.',
      'Image 2 of 5',
      'A tug in the harbour.',
      'Photo: Port of Valdoria',
      'Crews said the repairs would take three weeks.',
    ].join('\n\n');
    const prepared = prepareText(text, limit);
    expect(prepared.title).toBeUndefined();
    expect(prepared.paragraphs).toEqual([
      'The port authority said 12 ships were damaged, and the harbour reopened on Tuesday.',
      'Crews said the repairs would take three weeks.',
    ]);
  });

  it('marks a first paragraph set apart by a picture or a date line as a standfirst', () => {
    const withFurniture = prepareText(
      ['Costs could delay the works.', 'Image', 'Sept. 25, 2018', 'The council met on Monday.'].join('\n\n'),
      { ...limit, title: 'Works' },
    );
    expect(withFurniture.standfirst).toBe(true);
    expect(withFurniture.paragraphs).toEqual(['Costs could delay the works.', 'The council met on Monday.']);
    const plain = prepareText(['Costs could delay the works.', 'The council met on Monday.'].join('\n\n'), {
      ...limit,
      title: 'Works',
    });
    expect(plain.standfirst).toBe(false);
  });

  it('drops sponsor reads and figure captions from show notes and posts', () => {
    const prepared = prepareText(
      [
        'This week we talk about thermal paste and batteries.',
        'Sponsored by Example Bank: banking for everyone.',
        'Use code SHOW for 10% off your first order.',
        'Get a special discount off your first order.',
        'Go to the mattress site and get $100 off your new mattress.',
        'Transfer your domain by the end of June to save 40% on your first year.',
        'Get $30 off with code show30 at example.com.',
        'Developers can use code from the sample project to get started.',
        'Figure 2: Our new architecture.',
        'Use this link for 10% off for the life of your account.',
      ].join('\n\n'),
      { ...limit, title: 'Episode 12' },
    );
    expect(prepared.paragraphs).toEqual([
      'This week we talk about thermal paste and batteries.',
      'Developers can use code from the sample project to get started.',
    ]);
  });

  it('drops the list of sponsors after "Sponsored by:" and the credits of a show', () => {
    const prepared = prepareText(
      [
        'This week we talk about thermal paste and batteries.',
        'Sponsored by:',
        'Acme Air: The only air purifier you will ever need.',
        'Nimbus Backup: Online backup for $5/month.',
        'Recorded and edited by Ben Porter for Example Productions.',
        'Ending theme by Jo Mann (the summer remix)',
        'Listeners wrote in about last week’s battery test: most phones lasted longer than we said.',
      ].join('\n\n'),
      { ...limit, title: 'Episode 13' },
    );
    expect(prepared.paragraphs).toEqual([
      'This week we talk about thermal paste and batteries.',
      'Listeners wrote in about last week’s battery test: most phones lasted longer than we said.',
    ]);
  });

  it('drops several credits on one line, a teaser’s "click here" line and a syndication footer', () => {
    const prepared = prepareText(
      [
        'This week we talk about thermal paste and batteries.',
        'Recorded by Devon Bryant at the Example Studio. Edited by Ben Porter for Example Productions.',
        'To read this article in full, please click here',
        'Wild Flavors was originally published in Invironment on Medium, where people are continuing the conversation by highlighting and responding to this story.',
        'Recorded live, the episode drew more listeners than any before it.',
      ].join('\n\n'),
      { ...limit, title: 'Episode 14' },
    );
    expect(prepared.paragraphs).toEqual([
      'This week we talk about thermal paste and batteries.',
      'Recorded live, the episode drew more listeners than any before it.',
    ]);
  });

  it('keeps the sign-off of an embedded post, unless the post above it was dropped', () => {
    const prepared = prepareText(
      [
        'The channel has nothing on the election this morning, instead it replays old highlights.',
        '— Cora Bell (@corabell) November 8, 2017',
        'Live now pic.example.com/abc',
        '— Rick Dale (@rickdale) November 8, 2017',
        'The host later moved on to other news.',
      ].join('\n\n'),
      { ...limit, title: 'Election night' },
    );
    expect(prepared.paragraphs).toEqual([
      'The channel has nothing on the election this morning, instead it replays old highlights.',
      '— Cora Bell (@corabell) November 8, 2017',
      'The host later moved on to other news.',
    ]);
  });

  it('parts two sentences glued together by a lost space, but not a web address', () => {
    const prepared = prepareText(
      'Prices have risen since May 20, the ministry said.The price of petrol has risen by 83 paise. See example.com for details.',
      { ...limit, title: 'Fuel prices' },
    );
    expect(prepared.paragraphs).toEqual([
      'Prices have risen since May 20, the ministry said. The price of petrol has risen by 83 paise. See example.com for details.',
    ]);
  });

  it('drops links to more material ("Read the full transcript")', () => {
    const prepared = prepareText(
      [
        'The council met on Monday.',
        'Read the full transcript of the meeting',
        'Watch our latest video',
      ].join('\n\n'),
      { ...limit, title: 'Works' },
    );
    expect(prepared.paragraphs).toEqual(['The council met on Monday.']);
  });

  it('keeps a long paragraph before a credit line: a caption is short', () => {
    const long = `The council said ${'the flood defences held along the whole river front and '.repeat(8)}no homes were lost.`;
    const prepared = prepareText(['Video', long, 'Credit Ana Ruiz'].join('\n\n'), {
      ...limit,
      title: 'Floods',
    });
    expect(prepared.paragraphs).toEqual([long]);
  });

  it('joins wrapped lines of one paragraph but keeps separate lines that end a sentence', () => {
    const prepared = prepareText(
      'The minister said the plan\nwould cost less than expected.\nShe left at noon.',
      {
        ...limit,
        title: 'Plan',
      },
    );
    expect(prepared.paragraphs).toEqual([
      'The minister said the plan would cost less than expected.',
      'She left at noon.',
    ]);
  });

  it('reads markup passed as text without its scripts and styles', () => {
    const html =
      '<html><head><script>var x = "12,000 people";</script><style>p{}</style></head>' +
      '<body><p>Officials said 300 homes were flooded &amp; evacuated on Monday.</p></body></html>';
    const prepared = prepareText(html, { ...limit, title: 'Floods' });
    expect(prepared.paragraphs).toEqual(['Officials said 300 homes were flooded & evacuated on Monday.']);
  });

  it('refuses empty text, binary data and text without words with a typed error', () => {
    expect(() => prepareText('  \n ', limit)).toThrow(SummariseError);
    const binary = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(i % 32)).join('');
    expect(() => prepareText(binary, limit)).toThrow(/binary/);
    expect(() => prepareText('12 34 56 -- ++ 78', limit)).toThrow(/no words/);
  });

  it('keeps only the start of very long input and says so', () => {
    const prepared = prepareText('Word after word goes on. '.repeat(100_000), { maxChars: 10_000 });
    expect(prepared.truncated).toBe(true);
    expect(prepared.paragraphs.join(' ').length).toBeLessThanOrEqual(10_000);
  });
});

describe('repairQuotes', () => {
  it('separates a closing quote glued to the next word and closes a dangling opening quote', () => {
    expect(repairQuotes('have not been engaged in fights”succession National Intelligence Service')).toBe(
      'have not been engaged in fights” succession National Intelligence Service',
    );
    expect(repairQuotes('could be the high number of victims. “')).toBe(
      'could be the high number of victims.”',
    );
    expect(repairQuotes('In this five -minute video')).toBe('In this five-minute video');
  });
});
