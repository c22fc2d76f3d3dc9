/**
 * The one way user-written markdown (a task's brief, and anything else people write in
 * markdown) becomes HTML. markdown-it renders with raw HTML switched off (so `<script>` in the
 * source stays text) and its own link check (no `javascript:`/`vbscript:` links); sanitize-html
 * then keeps only an allow-list of tags and attributes, as a second, independent guard. Links
 * open in a new tab without passing the opener or referrer, because the tool runs in an LMS
 * frame. Templates insert the result with `{{{…}}}` — only ever the output of this function.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    's',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // A brief's `# Heading` must not compete with the page's own h1.
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
  disallowedTagsMode: 'discard',
};

/** Safe HTML for markdown `source` (empty string for empty source). */
export function renderMarkdown(source: string): string {
  if (source.trim() === '') return '';
  return sanitizeHtml(markdown.render(source), SANITIZE).trim();
}
