/*
 * Tells the LMS how tall this page is, so the iframe it lives in can grow or shrink without an
 * inner scroll bar: the LTI frame-resize message `{ subject: 'lti.frameResize', height }`,
 * understood by Canvas and Moodle. Sent on load, on resize and whenever the content changes
 * height. Kept in a file (no inline script) so the Content-Security-Policy can stay strict.
 */
(function () {
  'use strict';
  if (window.parent === window) return;
  var lastHeight = -1;

  function contentHeight() {
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function postHeight() {
    var height = contentHeight();
    if (height === lastHeight) return;
    lastHeight = height;
    // Only a number is sent, so any parent origin may receive it.
    window.parent.postMessage({ subject: 'lti.frameResize', height: height }, '*');
  }

  window.addEventListener('load', postHeight);
  window.addEventListener('resize', postHeight);
  if (typeof window.ResizeObserver === 'function') {
    new window.ResizeObserver(postHeight).observe(document.documentElement);
  }
})();
