/** The README's configuration reference must name every key the schema accepts, so it cannot drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { environmentVariables, fileSchema } from '../../config/schema.js';

type AnySchema = z.core.$ZodType;

/** Every leaf key path of a zod schema: `network.timeoutMs`, `feeds[].url`, … */
function listKeyPaths(schema: AnySchema, prefix = ''): string[] {
  const def = schema._zod.def as unknown as {
    type: string;
    innerType?: AnySchema;
    element?: AnySchema;
    shape?: Record<string, AnySchema>;
    in?: AnySchema;
  };
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
      return listKeyPaths(def.innerType!, prefix);
    case 'pipe':
      return listKeyPaths(def.in!, prefix);
    case 'array': {
      // A list of scalars is one key; a list of objects has keys of its own.
      const items = listKeyPaths(def.element!, `${prefix}[]`);
      return items.length === 1 && items[0] === `${prefix}[]` ? [prefix] : items;
    }
    case 'object':
      return Object.entries(def.shape!).flatMap(([key, value]) =>
        listKeyPaths(value, prefix ? `${prefix}.${key}` : key),
      );
    default:
      return [prefix];
  }
}

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const reference = readme.slice(readme.indexOf('## Configuration reference'));

describe('README configuration reference', () => {
  const paths = listKeyPaths(fileSchema);

  it('finds the keys of the schema', () => {
    expect(paths).toEqual(
      expect.arrayContaining(['feeds[].url', 'network.allowPrivateAddresses', 'slack.port']),
    );
  });

  it.each(paths)('documents %s', (path) => {
    expect(reference).toContain(`\`${path}\``);
  });

  it.each(Object.keys(environmentVariables))('documents the environment variable %s', (variable) => {
    expect(reference).toContain(`\`${variable}\``);
  });
});
