// Filters for index.html: severity checkboxes, a rule and a source menu. Without script every card shows.
(function () {
  "use strict";
  // Printing shows every explanation: open the collapsed ones first.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  var form = document.getElementById("filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  form.hidden = false;
  function apply() {
    var severities = Array.prototype.slice.call(form.querySelectorAll("input[name=severity]:checked"))
      .map(function (box) { return box.value; });
    var rule = form.elements.rule.value;
    var source = form.elements.source.value;
    var shown = 0;
    cards.forEach(function (card) {
      var visible = severities.indexOf(card.dataset.severity) >= 0 &&
        (!rule || card.dataset.rule === rule) &&
        (!source || card.dataset.sources.split(" ").indexOf(source) >= 0);
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    form.elements.shown.value = shown + " of " + cards.length + " findings shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
