// Progressive help only: every page works without it.
document.addEventListener('DOMContentLoaded', function () {
  // "select all" checkboxes of a result table
  document.querySelectorAll('input[data-select-all]').forEach(function (all) {
    all.addEventListener('change', function () {
      document.querySelectorAll('input[name="' + all.dataset.selectAll + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
  // buttons that ask before doing something that cannot be undone
  document.querySelectorAll('[data-confirm]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      if (!window.confirm(button.dataset.confirm)) { event.preventDefault(); }
    });
  });
});
