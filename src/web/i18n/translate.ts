/**
 * Message lookup with per-key fallback to English. `en` defines the shape (`Messages`); other
 * locales are `PartialMessages` so a missing translation shows English instead of breaking.
 */
import { en } from './messages/en.js';
import { nl } from './messages/nl.js';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type Messages = Widen<typeof en>;
export type PartialMessages = DeepPartial<Messages>;
/** Every dotted key of the catalogue, e.g. `home.title`. */
export type MessageKey = Leaves<Messages>;

export const SUPPORTED_LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const catalogues: Readonly<Record<Locale, PartialMessages>> = { en, nl };

export type MessageParams = Readonly<Record<string, string | number>>;

export class UnknownMessageError extends Error {
  constructor(readonly key: string) {
    super(`no UI message with key "${key}" in the English catalogue`);
  }
}

/**
 * A message that depends on a number: `{ one: '1 team', other: '{count} teams' }`, chosen by the
 * locale's plural rules (`Intl.PluralRules`) from the `count` parameter; `other` is required.
 */
type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

function isPluralForms(node: unknown): node is PluralForms {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as { other?: unknown }).other === 'string' &&
    Object.values(node).every((v) => typeof v === 'string')
  );
}

function lookup(tree: unknown, key: string): string | PluralForms | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || isPluralForms(node) ? node : undefined;
}

function pluralForm(locale: Locale, forms: PluralForms, count: unknown): string {
  const n = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
  if (typeof n !== 'number') return forms.other;
  return forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
}

export function isMessageKey(key: string): key is MessageKey {
  return lookup(en, key) !== undefined;
}

/**
 * The message for `key` in `locale` (English when that locale lacks it), with `{name}`
 * placeholders filled from `params`; for plural forms the one `params.count` asks for.
 * @throws UnknownMessageError when English has no such key: a template bug, caught by the tests.
 */
export function translate(locale: Locale, key: MessageKey | string, params: MessageParams = {}): string {
  const entry = lookup(catalogues[locale], key) ?? lookup(en, key);
  if (entry === undefined) throw new UnknownMessageError(key);
  const template = typeof entry === 'string' ? entry : pluralForm(locale, entry, params['count']);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the first supported locale from candidates in preference order (an explicit choice,
 * then the LMS launch locale, then Accept-Language); `nl-BE` matches `nl`.
 */
export function resolveLocale(candidates: readonly (string | undefined)[]): Locale {
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const exact = candidate.toLowerCase();
    if (isLocale(exact)) return exact;
    const primary = exact.split(/[-_]/)[0] ?? '';
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
