/** Slack's Block Kit limits as the fake enforces them on chat.postMessage and in tests. */
const LIMITS = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, headerText: 150 };

/** Returns the reason Slack would refuse these blocks, or undefined when they are valid. */
export function findBlockKitViolation(blocks: readonly Record<string, unknown>[]): string | undefined {
  if (blocks.length > LIMITS.blocks) return `${blocks.length} blocks (max ${LIMITS.blocks})`;
  for (const [i, block] of blocks.entries()) {
    const text = block.text as { type?: string; text?: string } | undefined;
    switch (block.type) {
      case 'header':
        if (text?.type !== 'plain_text') return `block ${i}: header text must be plain_text`;
        if ((text.text ?? '').length > LIMITS.headerText)
          return `block ${i}: header text over ${LIMITS.headerText}`;
        if ((text.text ?? '').length === 0) return `block ${i}: empty header`;
        break;
      case 'section': {
        const fields = (block.fields as { text?: string }[] | undefined) ?? [];
        if (text === undefined && fields.length === 0) return `block ${i}: section without text or fields`;
        if (text !== undefined && ((text.text ?? '').length > LIMITS.sectionText || (text.text ?? '') === ''))
          return `block ${i}: section text empty or over ${LIMITS.sectionText}`;
        if (fields.length > LIMITS.fields)
          return `block ${i}: ${fields.length} fields (max ${LIMITS.fields})`;
        for (const field of fields)
          if ((field.text ?? '').length > LIMITS.fieldText || (field.text ?? '') === '')
            return `block ${i}: field empty or over ${LIMITS.fieldText}`;
        break;
      }
      case 'context': {
        const elements = (block.elements as { text?: string }[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > 10)
          return `block ${i}: context with ${elements.length} elements`;
        for (const element of elements)
          if ((element.text ?? '').length > 3000) return `block ${i}: context element over 3000`;
        break;
      }
      case 'divider':
        break;
      default:
        return `block ${i}: unexpected type ${String(block.type)}`;
    }
  }
  return undefined;
}
