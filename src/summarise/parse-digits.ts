/**
 * Reads digits with English or European separators. A comma or dot followed by exactly three
 * digits groups thousands in English ("12,000") and a dot does in French, German and Spanish
 * ("12.000"); a space always groups ("12 000"); otherwise the mark is a decimal ("1,5", "4.2").
 */
export function parseDigits(digits: string, language: string): number {
  const compact = digits.replace(/[ ']/gu, '');
  const european =
    language === 'fr' || language === 'de' || language === 'es' || language === 'it' || language === 'pt';
  const marks = compact.match(/[.,]/gu) ?? [];
  if (marks.length === 0) return Number(compact);
  const lastMark = compact.search(/[.,][^.,]*$/u);
  const decimals = compact.length - lastMark - 1;
  const mark = compact.charAt(lastMark);
  if (marks.length > 1 && new Set(marks).size === 2) {
    // "1,234.5" or "1.234,5": the last mark is the decimal point.
    const group = mark === '.' ? ',' : '.';
    return Number(compact.split(group).join('').replace(',', '.'));
  }
  if (marks.length > 1) return Number(compact.split(mark).join('')); // "1,234,567" or "1.234.567"
  const groupsThousands = decimals === 3 && (mark === ',' ? !european : european);
  return groupsThousands ? Number(compact.replace(mark, '')) : Number(compact.replace(',', '.'));
}
