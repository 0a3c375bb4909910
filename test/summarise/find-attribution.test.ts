import { describe, expect, it } from 'vitest';
import { findAttribution } from '../../src/summarise/find-attribution.js';

describe('findAttribution', () => {
  it.each([
    ['According to Kyiv, 12,000 soldiers were sent.', 'Kyiv'],
    ['About 50 other people were wounded, according to local news reports.', 'local news reports'],
    ['Two gunmen died, and three others may have escaped, officials said.', 'officials'],
    ['The minister said that officials announced a new plan.', 'The minister'],
    [
      'According to a press release from the United States Attorney’s Office, the pair were sentenced.',
      'United States Attorney’s Office',
    ],
    ['Prices rose by 3%, according to a report from Eurostat.', 'Eurostat'],
    [
      'Rents rose fastest in the north, according to a study by the University of Leeds.',
      'University of Leeds',
    ],
    ['Prices rose, according to official figures from Eurostat.', 'Eurostat'],
    ['Prices rose 3%, according to the latest figures.', 'latest figures'],
    ['According to kyiv, 12,000 soldiers were sent.', 'kyiv'],
    ['The minister told a news conference that the story was false.', 'The minister'],
    [
      'The claims were rejected, Germany’s Federal Crime Police Office (BKA) announced on Tuesday.',
      'Germany’s Federal Crime Police Office (BKA)',
    ],
    ['As noted by Wired, a research firm found 200 stolen accounts.', 'Wired'],
    ['The deal, which officials said would cost $5 billion, was signed.', 'officials'],
    ['“It is a worry,” said C. Eugene Steuerle, a fellow at the Urban Institute.', 'C. Eugene Steuerle'],
    ['“Our nation is in danger,” Essid declared in a televised address.', 'Essid'],
    [
      'There will be exceptions, according to a thread by Twitter’s head of site integrity, Yoel Roth.',
      'Twitter’s head of site integrity, Yoel Roth',
    ],
    [
      'Prices were cut, according to the company’s chief executive, Jane Smith, who spoke on Monday.',
      'company’s chief executive, Jane Smith',
    ],
    ['The iPad is faster, according to Geekbench’s online results.', 'Geekbench’s online results'],
    ['According to the ministry, President Rowe ordered the strike.', 'ministry'],
    [
      'Eyewitnesses and local community leaders said hundreds of men were killed.',
      'Eyewitnesses and local community leaders',
    ],
    ['So when the Courier writes a hit piece, we can sue them and win,” Rowe said.', 'Rowe'],
    ['The director posted a public statement on the removal of the plugin.', 'The director'],
    ['Most analysts said the plan would fail.', 'Most analysts'],
    [
      'Taylor, who has said he supports the mayor, but “not blindly,” said the wins were “a referendum.”',
      'Taylor',
    ],
    [
      'The troops seem to have been withdrawn, reports the South Korean intelligence.',
      'South Korean intelligence',
    ],
    [
      'In December, President Volodymyr Zelensky advanced the figure of 3,000 men.',
      'President Volodymyr Zelensky',
    ],
    ['Losses that Seoul figures for its part around 1,100.', 'Seoul'],
    ['But indigenous elders say they are not being listened to.', 'indigenous elders'],
    ['Relatives said the boat had left before dawn.', 'Relatives'],
    ['Maria Lind, one of the leading voices on river safety, said the dam would hold.', 'Maria Lind'],
    ['Kate Toran, the city’s director of taxis, said fares were lower.', 'Kate Toran'],
    ['After Smith, the minister said the plan was ready.', 'minister'],
    ['Prices may rise for years, a leading central bank chief has said.', 'a leading central bank chief'],
    ['The work went according to plan, the mayor said.', 'mayor'],
    ['Neighbours often say the river rises without warning.', 'Neighbours'],
    ['The ministry reports on Tuesday that 300 homes were flooded.', 'The ministry'],
    ['“It is all about the port,” said one person with direct knowledge of the talks.', 'one person'],
    [
      'The deal is worth more than it looks, said people familiar with the matter.',
      'people familiar with the matter',
    ],
    ['The ministers all basically said the same thing about the flood.', 'The ministers'],
    ['The port authority said ferries would resume on Saturday.', 'The port authority'],
    ['In advance of the new phone launch AT&T has announced new data plans.', 'AT&T'],
    ['In Paris the minister said the plan was ready.', 'the minister'],
    ['On Monday Prime Minister Habib Essid said the country was in danger.', 'Prime Minister Habib Essid'],
    ['After the vote the European Commission said it would act.', 'the European Commission'],
    [
      'The head of the Congressional Budget Office said costs would rise.',
      'The head of the Congressional Budget Office',
    ],
    ['The regional utility said on Thursday that 4,200 homes were without power.', 'The regional utility'],
    ['In a video released on Monday, one of them says that they were never told.', 'one of them'],
    ['Two of the miners said the shaft had flooded twice.', 'Two of the miners'],
    ['“We will rebuild every house before the winter,” the mayor said.', 'mayor'],
    [
      'In the years since the chief executive pledged to tighten security, Rice’s team has lost fewer parts, Rice said.',
      'Rice',
    ],
    ['Les résultats seront publiés dimanche soir, a précisé la préfecture dans un communiqué.', 'préfecture'],
    ['Le préfet a déclaré mardi que 12 500 électeurs étaient inscrits.', 'Le préfet'],
    [
      'A spokesperson for the special forces had already declared on January 31 that units saw nothing.',
      'A spokesperson for the special forces',
    ],
    [
      'In an interview, intelligence chief Kyrylo Budanov, said he would expect more troops.',
      'intelligence chief Kyrylo Budanov',
    ],
    [
      '“The exact details are still being studied” succession National Intelligence Service (NIS), Tuesday.',
      'National Intelligence Service (NIS)',
    ],
    [
      'Un Français a été tué, a déclaré jeudi le ministre des Affaires étrangères.',
      'ministre des Affaires étrangères',
    ],
    ['2 209 Français ont été localisés, selon le Quai d’Orsay.', 'Quai d’Orsay'],
    ['Die Zahl der Toten stieg auf 40, sagte ein Sprecher der Polizei.', 'ein Sprecher der Polizei'],
    ['Murieron 12 personas, según el Ministerio del Interior.', 'Ministerio del Interior'],
    ['The union representing about 12,000 workers in the U.S. said it would fight.', 'The union'],
    ['Laut Eurostat stiegen die Preise für Lebensmittel um 6,9 Prozent.', 'Eurostat'],
    ['El Gobierno destinará 500 millones de euros, anunció el martes el presidente.', 'presidente'],
    [
      'Bajó en 150.000 personas, según la Encuesta de Población Activa (EPA) publicada este jueves.',
      'Encuesta de Población Activa (EPA)',
    ],
    [
      'Die Inflation sank auf 2,4 Prozent, wie das Statistikamt Eurostat am Freitag mitteilte.',
      'Statistikamt Eurostat',
    ],
    [
      'The company expects to save $600 million, Chief Executive Tom Harris told analysts.',
      'Chief Executive Tom Harris',
    ],
    [
      'The Mississippi congressman Bennie Thompson, the committee’s chairman, said the records were sought.',
      'Bennie Thompson',
    ],
    // A single quotation mark closes the quotation; it is not part of the name.
    ["'I don’t know, did I?' Daniels said, refusing to answer directly.", 'Daniels'],
    ['‘We will win,’ Daniels said.', 'Daniels'],
    ["The Smiths' lawyer said the case was closed.", "The Smiths' lawyer"],
  ])('%s → %s', (sentence, source) => {
    expect(findAttribution(sentence)?.source).toBe(source);
  });

  it('reads no source from a term in quotation marks or from "shows up"', () => {
    expect(findAttribution('Note that “well-behaved applications” excludes MS Word.')).toBeUndefined();
    expect(
      findAttribution('StackOverflow shows up much higher in search results than the forum does.'),
    ).toBeUndefined();
    // A whole statement in quotation marks before a name still credits the name.
    expect(
      findAttribution(
        '“The troops deployed in the region have not been engaged in fights” succession National Intelligence Service (NIS), Tuesday.',
      )?.source,
    ).toBe('National Intelligence Service (NIS)');
  });

  it('gives no source to a sentence whose report stands in a clause of time or cause', () => {
    for (const sentence of [
      'The singer lost her contract after the label and its lawyers told her the tour was off.',
      'Shares fell sharply when the company said it would cut jobs.',
      'Prices rose because officials said supplies were low.',
    ]) {
      expect(findAttribution(sentence), sentence).toMatchObject({ inClause: true });
    }
    expect(findAttribution('The road is closed, as officials said on Monday.')).toMatchObject({
      source: 'officials',
    });
    expect(findAttribution('The road is closed, as officials said on Monday.')?.inClause).toBeUndefined();
  });

  it('takes a company stating its results as a source only when nobody else is named', () => {
    expect(
      findAttribution('The firm reported revenue of $4 billion for the quarter, analysts said.')?.source,
    ).toBe('analysts');
    expect(findAttribution('The firm reported a net loss of $2 billion.')?.source).toBe('The firm');
  });

  it('reads no source from a change log’s "X added:" but keeps "Name added:" before a quotation', () => {
    expect(findAttribution('Dive modes added: To record dives.')).toBeUndefined();
    expect(findAttribution('The data gets added to the task list.')).toBeUndefined();
    expect(findAttribution('Lind added: “We are ready for the ships.”')?.source).toBe('Lind');
  });

  it('takes the name after a title at the end of the sentence', () => {
    expect(findAttribution('The bridge is too expensive, said the mayor, Ana Lind.')?.source).toBe(
      'mayor, Ana Lind',
    );
  });

  it('reads no source from a discourse marker before "say"', () => {
    expect(findAttribution('For example, say your analysts have built two models.')).toBeUndefined();
  });

  it('takes organisers, a city and a network for sources in lower case', () => {
    expect(findAttribution('About 3,000 delegates will attend, the organisers said.')?.source).toBe(
      'organisers',
    );
    expect(findAttribution('Tickets cost €40 each, the city said.')?.source).toBe('city');
  });

  it('flags pronoun sources for the caller to resolve', () => {
    expect(findAttribution('I’ve concluded that posting there only feeds the anger.')).toMatchObject({
      pronoun: true,
    });
    expect(findAttribution('I’ll say mainly my teammates in the web team.')).toMatchObject({ pronoun: true });
    expect(findAttribution('“That party is ending,” he said.')).toMatchObject({
      source: 'he',
      pronoun: true,
    });
  });

  it.each([
    'Bin Laden’s agents blew up the United States Embassies in Kenya.',
    'The deficit is expected to total nearly $1 trillion next year.',
    'Two key figures from her faction are under house arrest.',
    'Although no group claimed responsibility, the bloodshed raised fears.',
    'The elders would not say where the whales went.',
    '“Our ancestors wouldn’t say to go down there and hug the whales.',
    'The phenotypic variance explained (PVE) was greater than 10% in twenty lines.',
    'Half of the rise is the share explained by higher fuel prices.',
    'Now on the phone app they have added a button that hides the last lines.',
    'You will remember some of the past products they’ve announced.',
    'The new data is accessible for now via AdWords API reports and services.',
    'Chen’s truncation makes it sound like Cook claimed the tablet was a laptop.',
    'See the release notes for the list of changes, including all fields removed or added in this release.',
    'There is no dispute that Forstall led one of the most successful software projects ever undertaken.',
    'The new rules put in place the tougher Cuba policy that President Rowe announced in June.',
    'It follows a report that the agency published last week.',
    'Having said all this, my ear for the order of shortcuts works just like theirs.',
    'Tagging helps you to group together notes on a particular topic.',
    'Other matters may be considered from time to time according to the needs.',
    'The new criterion is available for bidding according to a user’s parental status.',
    'People can now find their way around according to how they want to use the site.',
    'Non-work projects have been a different story.',
    'The next game joins a handful of titles already announced for the new engine.',
    'It adds a section to the page for movies and TV shows showing where to watch them.',
    'Ed tells a very boring story about his garden.',
    '“My mother, who raised me, taught me this,” said the plan’s opening line.',
    'The mayor thanked the rescuers and the firefighters.',
    'The Core Team added six new committers to the project.',
    'Michael Tsai posted links to another technique for loading fonts.',
    'Most projects obviously don’t have to go that far.',
    'Let’s say you are a travel brand with a big audience.',
    'It is based on a technique that Marco Arment wrote about last year.',
  ])('finds no source in: %s', (sentence) => {
    expect(findAttribution(sentence)).toBeUndefined();
  });
});

describe('findAttribution never takes a number into the source', () => {
  it('keeps a number that is part of a name and refuses one that is a figure', () => {
    expect(findAttribution('The storm cut power to 3,000 homes, Channel 4 reported.')?.source).toBe(
      'Channel 4',
    );
    expect(findAttribution('Region officials 12,000 said soldiers the were.')?.source ?? '').not.toMatch(
      /\d/u,
    );
  });
});
