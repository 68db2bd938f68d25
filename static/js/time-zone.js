// The browser's own time zone, so the night a dream belongs to is counted in the dreamer's time
// from the start: it fills any hidden time_zone field (sign-up), and on the settings page it is
// chosen in place of a zone nobody picked yet (the server's default), with a note to save it.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }
  document.querySelectorAll('input[type="hidden"][name="time_zone"]').forEach(function (field) {
    if (!field.value) {
      field.value = zone;
    }
  });
  document.querySelectorAll('select[name="time_zone"][data-browser-zone="offer"]').forEach(function (select) {
    if (select.value === zone) {
      return;
    }
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === zone;
    });
    if (!known) {
      // An alias the menu leaves out ("Asia/Calcutta"): the server accepts any zone it knows.
      select.insertBefore(new Option(zone, zone), select.firstChild);
    }
    select.value = zone;
    var note = document.querySelector("[data-browser-zone-note]");
    if (note) {
      note.textContent = "Your browser's time zone, " + zone + ", is chosen: save to keep it.";
      note.hidden = false;
    }
  });
})();
