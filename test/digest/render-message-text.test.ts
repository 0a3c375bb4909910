import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../src/digest/render-message-text.js';

describe('renderMessageText', () => {
  it('shows card times as a reader would write them, in UTC', () => {
    const text = renderMessageText({
      cards: [
        {
          title: 'Port reopens',
          source: 'Harbour Gazette',
          timestamp: '2026-11-27T15:34:00.995Z',
          fields: [],
        },
      ],
    });
    expect(text).toContain('Harbour Gazette | 27 Nov 2026 15:34 UTC');
  });

  it('shows a time it cannot read as written', () => {
    const text = renderMessageText({ cards: [{ title: 'T', timestamp: 'yesterday-ish', fields: [] }] });
    expect(text).toContain('yesterday-ish');
  });
});
