// Fill any hidden time_zone field with the browser's own zone (sign-up), so the night a
// dream belongs to is counted in the dreamer's time from the start.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  document.querySelectorAll('input[type="hidden"][name="time_zone"]').forEach(function (field) {
    if (!field.value && zone) {
      field.value = zone;
    }
  });
})();
