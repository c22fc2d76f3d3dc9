/*
 * Progressive enhancement for the weights form: shows the running total of the points typed so
 * far ("60 of 100 points given"), announced politely to screen readers. The server checks the
 * total anyway; without this script the form works the same. A file, not inline (strict CSP).
 */
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-points-budget]');
  Array.prototype.forEach.call(forms, function (form) {
    var budget = Number(form.getAttribute('data-points-budget'));
    var output = form.querySelector('[data-points-total]');
    var inputs = form.querySelectorAll('input[data-points]');
    if (output === null || inputs.length === 0) return;
    var template = output.getAttribute('data-template') || '{total} / {budget}';
    function update() {
      var total = 0;
      Array.prototype.forEach.call(inputs, function (input) {
        var value = Number(input.value);
        if (input.value.trim() !== '' && isFinite(value)) total += value;
      });
      output.textContent = template.replace('{total}', String(total)).replace('{budget}', String(budget));
      output.classList.toggle('points-total--off', total !== budget);
    }
    Array.prototype.forEach.call(inputs, function (input) {
      input.addEventListener('input', update);
    });
    output.hidden = false;
    update();
  });
})();
