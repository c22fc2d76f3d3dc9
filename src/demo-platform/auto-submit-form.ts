/**
 * Renders the self-submitting form a platform uses to move the browser to the tool with a POST
 * (login initiation, id_token). The form submits from a static script (the CSP forbids inline
 * script) and has a visible button for people without JavaScript or using a keyboard.
 */
import type { Response } from 'express';
import type { MessageKey } from '../web/i18n/translate.js';

export interface AutoSubmitForm {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly titleKey: MessageKey;
  readonly messageKey: MessageKey;
}

export function renderAutoSubmitForm(res: Response, form: AutoSubmitForm): void {
  res.setHeader('Cache-Control', 'no-store');
  allowFormActionTo(res, new URL(form.action).origin);
  res.render('pages/demo/auto-submit', {
    layout: 'demo',
    framed: true,
    autoSubmit: true,
    titleKey: form.titleKey,
    messageKey: form.messageKey,
    action: form.action,
    fields: Object.entries(form.fields).map(([name, value]) => ({ name, value })),
  });
}

/**
 * The app's CSP allows forms to post only to itself. When the tool lives on another origin, this
 * response's policy also lets the form post there.
 */
function allowFormActionTo(res: Response, origin: string): void {
  const policy = res.getHeader('Content-Security-Policy');
  if (typeof policy !== 'string') return;
  const directives = policy.split(';').map((d) => d.trim());
  const index = directives.findIndex((d) => d.startsWith('form-action'));
  if (index === -1) return;
  const directive = directives[index]!;
  if (directive.split(/\s+/).includes(origin)) return;
  directives[index] = `${directive} ${origin}`;
  res.setHeader('Content-Security-Policy', directives.join(';'));
}
