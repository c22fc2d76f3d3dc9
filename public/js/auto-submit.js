// Submits the demo LMS's hand-over forms (login initiation, id_token) as soon as the page has
// loaded. Without JavaScript the visible Continue button does the same.
document.querySelectorAll('form[data-auto-submit]').forEach(function (form) {
  form.submit();
});
