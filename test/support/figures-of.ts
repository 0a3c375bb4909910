import type { Figure } from '../../src/model.js';
import { summariseArticle } from '../../src/summarise/summarise-article.js';

/** The key figures the summariser finds in `text`, by value (room for 20, so none is ranked out). */
export function figuresOf(text: string): Map<number, Figure> {
  const summary = summariseArticle({ text, title: 'Test report' }, { maxFigures: 20 });
  return new Map(summary.figures.map((figure) => [figure.value, figure]));
}
