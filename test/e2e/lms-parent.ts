/**
 * A stand-in for an LMS page that frames the tool, on its own loopback origin: it records every
 * postMessage the framed tool sends, as Canvas or Moodle would listen for `lti.frameResize`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from '../helpers/loopback-server.js';

const RECORDER = `
window.frameMessages = [];
window.addEventListener('message', function (event) {
  window.frameMessages.push({ origin: event.origin, data: event.data });
  var data = event.data;
  if (data && data.subject === 'lti.frameResize' && typeof data.height === 'number') {
    document.querySelector('iframe').style.height = data.height + 'px';
  }
});
`;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export async function startLmsParent(): Promise<LoopbackServer> {
  return listenOnLoopback((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://parent');
    if (url.pathname === '/recorder.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(RECORDER);
      return;
    }
    const src = url.searchParams.get('src') ?? 'about:blank';
    const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Test course page</title><script src="/recorder.js"></script></head>
<body>
<main>
<h1>Test course page</h1>
<iframe title="Teamloop" src="${escapeAttribute(src)}" style="width:100%;height:150px;border:0"></iframe>
</main>
</body>
</html>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
}
