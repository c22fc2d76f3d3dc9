// The demo LMS course page: sizes the tool frame when the tool asks (lti.frameResize, as LMSs
// do) and brings the frame into view when a launch starts.
(function () {
  var frame = document.getElementById('demo-tool-frame');
  if (!frame) return;
  var toolOrigin = frame.getAttribute('data-tool-origin');
  window.addEventListener('message', function (event) {
    if (event.origin !== toolOrigin && event.origin !== window.location.origin) return;
    var data = event.data;
    if (!data || data.subject !== 'lti.frameResize') return;
    var height = Number(data.height);
    if (isFinite(height) && height > 0) frame.style.height = Math.min(Math.ceil(height), 20000) + 'px';
  });
  var form = document.querySelector('form.demo-launch');
  if (form) {
    form.addEventListener('submit', function () {
      frame.scrollIntoView({ block: 'start' });
    });
  }
})();
