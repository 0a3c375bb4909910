import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/model.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import { summariseArticle } from '../../src/summarise/summarise-article.js';
import { SummariseError } from '../../src/summarise/summarise-error.js';

/** An article written for these tests, with the furniture a scraped page carries. */
const FLOOD_ARTICLE = [
  'Floods force 40,000 from their homes in northern Valdoria, says Red Cross',
  '',
  'Floods force 40,000 from their homes in northern Valdoria, says Red Cross',
  '',
  'Published',
  '',
  'Reading time: 4min',
  '',
  'Rescue boats in the flooded town of Merin, March 3, 2024. (Reuters / Anna Berg)',
  '',
  'Rising rivers have forced about 40,000 people from their homes in northern Valdoria, the Red Cross said on Tuesday, March 5, warning that the worst may be yet to come.',
  '',
  'According to the interior ministry, 23 people have died since the rains began. In a statement, the ministry said more than 1,200 soldiers had been deployed. Damage could reach $1.5 billion, the World Bank estimated.',
  '',
  'In this two-minute video, a family is rescued from a roof. Dr. Lena Ostrova, who runs the hospital in Merin, said 350 patients were moved to safety. “We had three hours to empty the wards,” she said. “Nobody slept.”',
  '',
  'The last comparable floods, in 1998, killed 60 people. Rainfall in February was 180 percent of the monthly average, according to the national weather office.',
  '',
  'Related Articles',
].join('\n');

function figureTexts(summary: Summary): string[] {
  return summary.figures.map((figure) => figure.text);
}

/** Every number and capitalised word of the output appears in the source. */
function expectGrounded(summary: Summary, source: string): void {
  const texts = [
    summary.gist,
    ...summary.claims.flatMap((c) => [c.text, c.attribution ?? '']),
    ...summary.figures.flatMap((f) => [f.text, f.counts, f.attribution ?? '']),
  ];
  const sourceWords = new Set(source.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (/\d/u.test(word) || /\p{Lu}/u.test(text))
        expect(sourceWords, `"${word}" in "${text}"`).toContain(word);
    }
  }
}

describe('summariseArticle on an English report', () => {
  const summary = summariseArticle({ text: FLOOD_ARTICLE, url: 'https://news.example/floods' });

  it('keeps the headline once and drops page furniture', () => {
    expect(summary.title).toBe('Floods force 40,000 from their homes in northern Valdoria, says Red Cross');
    expect(summary.url).toBe('https://news.example/floods');
    expect(summary.language).toBe('en');
    const text = summary.sentences.join('\n');
    expect(text).not.toMatch(/Reading time|Published|Related Articles|Reuters \/ Anna Berg/u);
    expect(summary.sentences.filter((s) => s.includes('Floods force'))).toEqual([]);
  });

  it('finds the key figures with what they count, who gives them and when', () => {
    const byValue = new Map(summary.figures.map((figure) => [figure.value, figure]));
    expect(byValue.get(40_000)).toMatchObject({
      text: 'about 40,000',
      approximate: true,
      attribution: 'Red Cross',
      date: 'March 5',
    });
    expect(byValue.get(40_000)?.counts).toMatch(/people/u);
    expect(byValue.get(23)).toMatchObject({ attribution: 'interior ministry' });
    expect(byValue.get(23)?.counts).toMatch(/people/u);
    expect(byValue.get(1200)).toMatchObject({ text: 'more than 1,200', attribution: 'ministry' });
    expect(byValue.get(1.5e9)).toMatchObject({ unit: 'USD', attribution: 'World Bank' });
    expect(byValue.get(350)).toMatchObject({ attribution: 'Dr. Lena Ostrova' });
    expect(byValue.get(180)).toMatchObject({ unit: '%', attribution: 'national weather office' });
  });

  it('does not present dates, years, durations or incidental numbers as figures', () => {
    const values = summary.figures.map((figure) => figure.value);
    for (const noise of [2024, 1998, 3, 4, 2, 5]) expect(values).not.toContain(noise);
    expect(figureTexts(summary).join(' ')).not.toMatch(/minute|March|min/u);
  });

  it('gives a gist from the lede and attributed claims that point at their sentences', () => {
    expect(summary.gist).toMatch(/40,000 people/u);
    expect(summary.gist).toMatch(/Red Cross said/u);
    expect(summary.claims.length).toBeGreaterThan(0);
    for (const claim of summary.claims) {
      expect(claim.sentence).toBeGreaterThanOrEqual(0);
      expect(summary.sentences[claim.sentence]).toBeDefined();
    }
    for (const figure of summary.figures)
      expect(summary.sentences[figure.sentence]).toContain(figure.text.replace(/^about /u, ''));
    expect(summary.stats.words).toBeGreaterThan(100);
    expect(summary.stats.ms).toBeGreaterThanOrEqual(0);
  });

  it('takes the gist from the lede when a standfirst stands above the picture and the date line', () => {
    const text = [
      'Storms and rising costs could delay the harbour works by a year.',
      'Image',
      'Cranes at the Valdoria harbour.CreditCreditAna Ruiz/Agence Example',
      'Sept. 25, 2018',
      'Valdoria will spend more on repairing its harbour than on its schools next year, the city budget shows.',
      'The council approved the budget on Monday after a long debate about the port.',
      'Engineers said the old quay walls were failing faster than expected.',
    ].join('\n\n');
    const summary = summariseArticle({
      text,
      title: 'Valdoria to spend more on its harbour than on its schools',
    });
    expect(summary.gist).toBe(
      'Valdoria will spend more on repairing its harbour than on its schools next year, the city budget shows.',
    );
    // The standfirst is still the story's own words: it may stand as a claim.
    expect(summary.sentences[0]).toBe('Storms and rising costs could delay the harbour works by a year.');
  });

  it('does not open the card with a question when the opening also states something', () => {
    const summary = summariseArticle({
      title: 'Keyboards',
      text: 'Have we had RSI issues? We both switched keyboards last year after months of wrist pain. The new layout cut typing errors by a third, according to our own logs.',
    });
    expect(summary.gist).toBe('We both switched keyboards last year after months of wrist pain.');
  });

  it('does not open the card with a lead-in that only announces a quotation', () => {
    const summary = summariseArticle({
      title: 'Ferries',
      text: 'Marta Lind, in her column for the Harbour Gazette:\n\nThe ferry company will have to come to grips with a fleet that is older than any other on the coast. Its newest boat is 31 years old.',
    });
    expect(summary.gist).toBe(
      'The ferry company will have to come to grips with a fleet that is older than any other on the coast.',
    );
  });

  it('credits a quotation continued in the next sentence to its speaker', () => {
    const index = summary.sentences.indexOf('“Nobody slept.”');
    expect(index).toBeGreaterThan(0);
  });

  it('never outputs a number or name that is not in the source', () => {
    expectGrounded(summary, FLOOD_ARTICLE);
  });

  it('keeps the gist and claims together no longer than the lead, within 65 to 90 words', () => {
    const words = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    const total = words(summary.gist) + summary.claims.reduce((sum, claim) => sum + words(claim.text), 0);
    const lead = summary.sentences.slice(0, 3).reduce((sum, sentence) => sum + words(sentence), 0);
    expect(total).toBeLessThanOrEqual(Math.min(90, Math.max(65, lead)));
  });

  it('honours the limits it is given', () => {
    const short = summariseArticle({ text: FLOOD_ARTICLE }, { maxClaims: 1, maxFigures: 2 });
    expect(short.claims.length).toBeLessThanOrEqual(1);
    expect(short.figures.length).toBeLessThanOrEqual(2);
  });
});

describe('summariseArticle on a business report', () => {
  it('describes what amounts, shares and comparisons count', () => {
    const text = [
      'Acme to cut 4,500 jobs as profit falls',
      '',
      'Acme said on Thursday it would cut 4,500 jobs, or about 8% of its workforce, after quarterly profit fell 37% to $1.2 billion.',
      '',
      'Revenue for the three months to Feb. 28 was $14.3 billion, down from $15.1 billion a year earlier, according to a company statement.',
    ].join('\n');
    const byValue = new Map(summariseArticle({ text }).figures.map((figure) => [figure.value, figure]));
    expect(byValue.get(4500)).toMatchObject({ counts: 'jobs', attribution: 'Acme', date: 'Thursday' });
    expect(byValue.get(8)?.counts).toBe('workforce');
    expect(byValue.get(37)?.counts).toMatch(/^quarterly profit/u);
    expect(byValue.get(14.3e9)).toMatchObject({ counts: 'Revenue', attribution: 'a company statement' });
    expect(byValue.get(15.1e9)?.counts).toBe('Revenue');
  });
});

describe('summariseArticle in other languages', () => {
  it('reads French numbers, sources and dates', () => {
    const text = [
      'Séisme : le bilan dépasse 2 000 morts',
      '',
      'Le séisme a fait plus de 2 000 morts et 1,5 million de sinistrés, a déclaré mardi le ministre de l’Intérieur. Selon la Croix-Rouge, 12 000 personnes sont toujours sans abri.',
      '',
      'Le gouvernement a débloqué 3 milliards d’euros pour la reconstruction, soit 1,2 % du budget de l’État. Les secours ont travaillé pendant trois jours sans interruption.',
    ].join('\n');
    const summary = summariseArticle({ text });
    expect(summary.language).toBe('fr');
    const byValue = new Map(summary.figures.map((figure) => [figure.value, figure]));
    expect(byValue.get(2000)).toMatchObject({
      text: 'plus de 2 000',
      approximate: true,
      attribution: 'ministre de l’Intérieur',
    });
    expect(byValue.get(1.5e6)?.text).toBe('1,5 million');
    expect(byValue.get(12000)).toMatchObject({ attribution: 'Croix-Rouge' });
    expect(byValue.get(3e9)).toMatchObject({ unit: 'EUR' });
    expect(byValue.get(1.2)).toMatchObject({ unit: '%' });
    expect([...byValue.keys()]).not.toContain(3);
  });

  it('reads German numbers with dot thousands and decimal commas', () => {
    const text = [
      'Nach Angaben der Polizei wurden 12.000 Menschen in Sicherheit gebracht. Der Schaden beträgt rund 2,5 Milliarden Euro, sagte ein Sprecher der Landesregierung am 4. Februar.',
      '',
      'Die Feuerwehr war mit 800 Kräften im Einsatz. Die Arbeiten dauern noch drei Wochen.',
    ].join('\n');
    const summary = summariseArticle({ text, title: 'Hochwasser in Bayern' });
    expect(summary.language).toBe('de');
    const byValue = new Map(summary.figures.map((figure) => [figure.value, figure]));
    expect(byValue.get(12000)?.counts).toMatch(/Menschen/u);
    expect(byValue.get(2.5e9)).toMatchObject({
      text: 'rund 2,5 Milliarden Euro',
      unit: 'EUR',
      date: '4. Februar',
    });
    expect([...byValue.keys()]).not.toContain(4);
  });

  it('reads Spanish numbers and sources', () => {
    const text =
      'Al menos 1.200 personas fueron evacuadas, según el Ministerio del Interior. El gobierno destinará 300 millones de euros a la reconstrucción, informó el portavoz el 4 de febrero. La inflación subió un 3,5 % en enero.';
    const summary = summariseArticle({ text, title: 'Inundaciones en Valencia' });
    expect(summary.language).toBe('es');
    const byValue = new Map(summary.figures.map((figure) => [figure.value, figure]));
    expect(byValue.get(1200)).toMatchObject({ attribution: 'Ministerio del Interior', approximate: true });
    expect(byValue.get(3e8)).toMatchObject({ unit: 'EUR' });
    expect(byValue.get(3.5)).toMatchObject({ unit: '%' });
  });

  it('does not take Dutch for English because both say "is" and "was", nor read its sources', () => {
    const text =
      'De gemeente zegt dat de brug op maandag weer open is. Het was een lange week voor de bewoners van de wijk. ' +
      'Volgens de wethouder zijn de kosten hoger dan verwacht, maar de werkzaamheden liggen op schema. ' +
      'De bewoners waren blij dat het verkeer weer kan rijden en dat de bussen weer stoppen bij de halte.';
    const summary = summariseArticle({ text, title: 'Brug weer open' });
    expect(summary.language).toBe('nl');
    // Its sources are not read with English patterns: no misread attribution.
    expect(summary.claims.filter((claim) => claim.attribution !== undefined)).toEqual([]);
  });

  it('uses a declared language instead of guessing', () => {
    expect(
      summariseArticle({ text: 'The council met on Monday and voted.', language: 'en-GB' }).language,
    ).toBe('en');
  });
});

describe('summariseArticle on bad input', () => {
  it.each([
    ['empty text', '', 'empty'],
    ['whitespace', ' \n\t ', 'empty'],
    [
      'binary junk',
      Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7) % 31)).join(''),
      'binary',
    ],
    [
      'an unsupported script',
      'Москва заявила, что 12 000 солдат были отправлены на фронт. Это было в понедельник.',
      'unsupported-script',
    ],
    ['markup without prose', '<html><body><script>alert(1)</script><div>  </div></body></html>', 'no-text'],
    // One short line without spaces or Latin punctuation: the script is the reason, not furniture.
    ['a short line in an unsupported script', '北京今天宣布了新的政策', 'unsupported-script'],
  ])('refuses %s with a typed error', (_name, text, reason) => {
    expect(() => summariseArticle({ text })).toThrow(SummariseError);
    try {
      summariseArticle({ text });
    } catch (error) {
      expect((error as SummariseError).reason).toBe(reason);
    }
  });

  it('gives a headline-length title when it must make one from a 10,000-word sentence', () => {
    const text = `The council said ${Array.from({ length: 2500 }, () => 'the bridge was closed').join(' and ')}.`;
    const summary = summariseArticle({ text });
    expect(summary.title.length).toBeLessThanOrEqual(161);
    expect(summary.title.endsWith('…')).toBe(true);
    expect(text.startsWith(summary.title.slice(0, -1))).toBe(true);
  });

  it('summarises an HTML page passed as text without reading its scripts', () => {
    const html = `<html><head><script>var total = "99,999 soldiers";</script></head><body><article><p>${FLOOD_ARTICLE.split('\n\n').slice(4).join('</p><p>')}</p></article></body></html>`;
    const summary = summariseArticle({ text: html, title: 'Floods' });
    expect(summary.figures.map((figure) => figure.value)).not.toContain(99999);
    expect(summary.figures.map((figure) => figure.value)).toContain(40000);
  });

  it('gives a short result for 5 MB of text and for one 10,000-word sentence', () => {
    const huge = summariseArticle({
      text: FLOOD_ARTICLE.repeat(Math.ceil(5_000_000 / FLOOD_ARTICLE.length)),
    });
    expect(huge.sentences.length).toBeLessThanOrEqual(3000);
    expect(huge.claims.length).toBeLessThanOrEqual(4);
    const runOn = summariseArticle({
      text: `${'the river rose and the town waited '.repeat(1500)}.`,
      title: 'River',
    });
    expect(runOn.sentences.length).toBeGreaterThan(10);
    expect(runOn.gist.length).toBeLessThan(700);
  });
});

describe('createExtractiveSummariser', () => {
  it('resolves to the same summary and rejects with the typed error', async () => {
    const summariser = createExtractiveSummariser();
    const summary = await summariser.summarise({ text: FLOOD_ARTICLE });
    expect(summary.figures.map((figure) => figure.value)).toContain(40000);
    await expect(summariser.summarise({ text: '' })).rejects.toBeInstanceOf(SummariseError);
  });
});
