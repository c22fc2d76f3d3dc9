/** What a file is, from its first bytes: signatures win over the client's type; markup is never text. */
import { expect } from 'chai';
import { NEVER_ALLOWED_TYPES, sniffContentType } from '../../../../src/domain/submission/content-sniffing.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('content sniffing', function () {
  it('recognises PDF, PNG, JPEG, GIF and WebP by signature whatever the client said', function () {
    expect(sniffContentType(text('%PDF-1.7\n%âãÏÓ'), 'text/plain')).to.equal('application/pdf');
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'text/html')).to.equal(
      'image/png',
    );
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0), 'application/pdf')).to.equal('image/jpeg');
    expect(sniffContentType(text('GIF89a....'), 'image/png')).to.equal('image/gif');
    expect(sniffContentType(text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 'image/png')).to.equal(
      'image/webp',
    );
  });

  it('keeps a declared office type only for ZIP content, else calls it application/zip', function () {
    const zip = bytes(0x50, 0x4b, 0x03, 0x04, 20, 0);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(sniffContentType(zip, docx)).to.equal(docx);
    expect(sniffContentType(zip, 'application/pdf')).to.equal('application/zip');
  });

  it('treats UTF-8 text as plain text (or the declared markdown/CSV), control bytes as binary', function () {
    expect(sniffContentType(text('Notes: café ✓\n'), 'application/pdf')).to.equal('text/plain');
    expect(sniffContentType(text('# Title\n'), 'text/markdown')).to.equal('text/markdown');
    expect(sniffContentType(text('a,b\n1,2\n'), 'text/csv')).to.equal('text/csv');
    expect(sniffContentType(bytes(0x4d, 0x5a, 0x90, 0x00), 'text/plain')).to.equal(
      'application/octet-stream',
    );
    expect(sniffContentType(bytes(0xc3, 0x28), 'text/plain')).to.equal('application/octet-stream');
  });

  it('accepts a multi-byte character cut off at the end of the sniffed head', function () {
    const cut = text('Résumé ✓').subarray(0, 10); // ends inside the 3-byte check mark
    expect(sniffContentType(cut, 'text/plain')).to.equal('text/plain');
  });

  it('calls anything that looks like markup a browser would run text/html, never text', function () {
    for (const markup of [
      '<!DOCTYPE html><p>hi</p>',
      '\uFEFF  <html><body>x</body></html>',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<?xml version="1.0"?><x/>',
      'Dear reader,\n<script>alert(1)</script>',
      '<iframe src="https://example.org">',
    ]) {
      expect(sniffContentType(text(markup), 'text/plain'), markup).to.equal('text/html');
    }
    expect(NEVER_ALLOWED_TYPES).to.include.members(['text/html', 'image/svg+xml', 'application/xhtml+xml']);
    expect(sniffContentType(text('Use <b>bold</b> sparingly.'), 'text/plain')).to.equal('text/plain');
  });
});
