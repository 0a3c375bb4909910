import { describe, expect, it } from 'vitest';
import { compressSentence } from '../../src/summarise/compress-sentence.js';

describe('compressSentence: what opens a sentence', () => {
  it('drops datelines with a state, an agency, a date or a colon, but not a short name before a colon', () => {
    expect(
      compressSentence('TRENTON, N.J. (AP) — The ferry service resumed on Monday after a week of repairs.'),
    ).toBe('The ferry service resumed on Monday after a week of repairs.');
    expect(
      compressSentence('LISBOA, 12 MAR (LUSA) - O porto reabriu aos navios de carga depois da greve.'),
    ).toBe('O porto reabriu aos navios de carga depois da greve.');
    expect(
      compressSentence('Pune, June 4: The city council approved a new bus depot for the eastern suburbs.'),
    ).toBe('The city council approved a new bus depot for the eastern suburbs.');
    expect(compressSentence('KOCHI: A new ferry terminal opened to passengers on the harbour front.')).toBe(
      'A new ferry terminal opened to passengers on the harbour front.',
    );
    expect(compressSentence('ESA: The probe will reach the asteroid belt within two years.')).toBe(
      'ESA: The probe will reach the asteroid belt within two years.',
    );
  });

  it('keeps "Instead of" as the preposition it is, and drops "Instead," as a connective', () => {
    expect(
      compressSentence('Instead of repairing the old bridge, the council will build a new one by 2030.'),
    ).toMatch(/^Instead of repairing the old bridge/u);
    expect(
      compressSentence('Instead, the council voted to keep the old bridge open for two more years.'),
    ).toBe('The council voted to keep the old bridge open for two more years.');
  });

  it('drops a small word typed twice, but keeps a title or a name that repeats one', () => {
    expect(compressSentence('The fair is one of the the best events for local makers.')).toBe(
      'The fair is one of the best events for local makers.',
    );
    expect(compressSentence('Listen to Songs To Sing Along With with Ana Lind.')).toBe(
      'Listen to Songs To Sing Along With with Ana Lind.',
    );
    expect(compressSentence('I had had enough of the noise.')).toBe('I had had enough of the noise.');
  });

  it('keeps an item of a list that looks like an appositive, so two items never run together', () => {
    const list =
      'This week the hosts talk about the new Zelda, the return of an old racing series, the price of consoles, and more.';
    expect(compressSentence(list)).toMatch(/the new Zelda, the return of an old racing series, the price/u);
    expect(
      compressSentence(
        'Ana Lind, a fellow at the Harbour Institute, said the toll would pay for the bridge by 2030.',
      ),
    ).toBe('Ana Lind said the toll would pay for the bridge by 2030.');
  });
});
