import { describe, expect, it } from 'vitest';
import { cleanCommandText } from '../../src/commands/clean-command-text.js';

describe('cleanCommandText', () => {
  it('turns controls into spaces, drops invisible formatting and broken surrogates, collapses whitespace', () => {
    expect(cleanCommandText('  a\u0000b\tc\n\nd\u007f\u0085e  ')).toBe('a b c d e');
    expect(cleanCommandText('pay\u200bpal \u202eevil\u202c \ufeffx')).toBe('paypal evil x');
    expect(cleanCommandText('a\ud800b \ud83d\ude00')).toBe('ab \ud83d\ude00');
    expect(cleanCommandText('Cafe\u0301')).toBe('Café');
  });

  it('gives an empty string for anything that is not a string', () => {
    expect(cleanCommandText(undefined)).toBe('');
    expect(cleanCommandText(42)).toBe('');
    expect(cleanCommandText({ toString: () => 'x' })).toBe('');
  });

  it('refuses text over the cap instead of cutting it', () => {
    expect(cleanCommandText('x'.repeat(1000))).toHaveLength(1000);
    expect(() => cleanCommandText('x'.repeat(1001))).toThrowError(
      'That is too long (1,001 characters); the limit is 1,000.',
    );
    expect(() => cleanCommandText('ab', 1)).toThrowError(/too long/u);
  });
});
