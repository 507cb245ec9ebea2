/* dipkg pages: small conveniences on top of plain HTML forms (the pages work without it). */
(function () {
  "use strict";
  var picker = document.getElementById("example-picker");
  var editor = document.getElementById("query");
  var infer = document.getElementById("infer");
  var form = document.getElementById("query-form");
  if (picker && editor) {
    picker.addEventListener("change", function () {
      var opt = picker.options[picker.selectedIndex];
      if (!opt || !opt.dataset.query) { return; }
      editor.value = opt.dataset.query;
      if (infer) { infer.checked = opt.dataset.infer === "true"; }
      editor.focus();
    });
  }
  if (editor && form) {
    editor.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") {
        ev.preventDefault();
        form.submit();
      }
    });
  }
  var hide = document.getElementById("hide-inferred");
  if (hide) {
    hide.addEventListener("change", function () {
      document.body.classList.toggle("no-inferred", hide.checked);
    });
  }
})();
