/**
 * Guards two house rules for every template: no UI text outside the message catalogue, and
 * every `{{t "key"}}` names a key that exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import Handlebars from 'handlebars';
import { VIEWS_DIR } from '../../../src/paths.js';
import { isMessageKey } from '../../../src/web/i18n/translate.js';

type AnyNode = { type: string; [key: string]: unknown };

const templates = readdirSync(VIEWS_DIR, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
  .map((entry) => path.join(entry.parentPath, entry.name));

function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child) => walk(child, visit));
    return;
  }
  if (typeof node !== 'object' || node === null || !('type' in node)) return;
  visit(node as AnyNode);
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null) walk(value, visit);
  }
}

/** Text a person would read: element content and user-facing attributes, mustaches removed. */
function visibleText(source: string): string[] {
  const withoutMustaches = source.replace(/\{\{\{?[\s\S]*?\}?\}\}/g, ' ');
  const found: string[] = [];
  const attribute = /\b(alt|title|aria-label|placeholder|value)="([^"]*)"/g;
  for (const match of withoutMustaches.matchAll(attribute)) {
    if (/\p{L}/u.test(match[2]!)) found.push(`${match[1]}="${match[2]}"`);
  }
  const content = withoutMustaches.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' ');
  for (const word of content.split(/\s+/)) {
    if (/\p{L}/u.test(word)) found.push(word);
  }
  return found;
}

describe('views', () => {
  it('finds the templates', () => {
    expect(templates.map((file) => path.relative(VIEWS_DIR, file))).to.include.members([
      'layouts/main.hbs',
      'pages/home.hbs',
      'pages/errors/error.hbs',
    ]);
  });

  for (const file of templates) {
    const name = path.relative(VIEWS_DIR, file);
    const source = readFileSync(file, 'utf8');

    it(`${name} has no hard-coded UI text`, () => {
      expect(visibleText(source)).to.deep.equal([]);
    });

    it(`${name} only uses message keys that exist`, () => {
      const missing: string[] = [];
      walk(Handlebars.parse(source), (node) => {
        const pathNode = node['path'] as { original?: unknown } | undefined;
        const params = node['params'] as AnyNode[] | undefined;
        if (pathNode?.original === 't' && params?.[0]?.type === 'StringLiteral') {
          const key = params[0]['value'] as string;
          if (!isMessageKey(key)) missing.push(key);
        }
      });
      expect(missing).to.deep.equal([]);
    });
  }
});
