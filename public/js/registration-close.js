// LTI Dynamic Registration: tell the platform the registration finished so it closes the window.
(function () {
  var target = window.opener || window.parent;
  if (target && target !== window) target.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
})();
