// Never lose a dream: keep what is typed into a form[data-draft-key] in this browser's
// localStorage, restore it after a reload, a lost connection or an expired session, and
// forget it once the server says it was saved (an element with data-draft-clear="<key>").
(function () {
  "use strict";

  var MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
  var SKIPPED = ["csrfmiddlewaretoken", "submission_token", "revision", "action"];
  // Lists of tag ids: the chips ticked, and the chips shown (hidden inputs), which the next
  // suggestions request must carry so that chips keep their places and their ticks.
  var TAG_FIELDS = ["scenarios", "markers", "shown"];

  function storage() {
    try {
      var probe = "dream-journal:probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: the form still works, without drafts
    }
  }

  var store = storage();
  if (!store) {
    return;
  }

  function read(key) {
    try {
      var draft = JSON.parse(store.getItem(key) || "null");
      if (draft && Date.now() - draft.savedAt > MAX_AGE_MS) {
        store.removeItem(key);
        return null;
      }
      return draft;
    } catch (error) {
      store.removeItem(key);
      return null;
    }
  }

  function fieldsOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      var name = element.name;
      if (!name || SKIPPED.indexOf(name) !== -1 || element.type === "submit" || element.type === "button") {
        return;
      }
      if (element.type === "checkbox") {
        values[name] = values[name] || [];
        if (element.checked) {
          values[name].push(element.value);
        }
      } else if (element.type === "hidden" && TAG_FIELDS.indexOf(name) !== -1) {
        values[name] = (values[name] || []).concat([element.value]);
      } else if (element.type === "radio") {
        if (element.checked) {
          values[name] = element.value;
        }
      } else if (element.tagName === "SELECT" && element.multiple) {
        values[name] = Array.prototype.filter
          .call(element.options, function (option) { return option.selected; })
          .map(function (option) { return option.value; });
      } else {
        values[name] = element.value;
      }
    });
    return values;
  }

  function apply(form, values) {
    var missingTags = {};
    Object.keys(values).forEach(function (name) {
      var value = values[name];
      var elements = form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']");
      var found = [];
      Array.prototype.forEach.call(elements, function (element) {
        if (element.type === "checkbox") {
          element.checked = value.indexOf(element.value) !== -1;
          found.push(element.value);
        } else if (element.type === "hidden" && TAG_FIELDS.indexOf(name) !== -1) {
          found.push(element.value);
        } else if (element.type === "radio") {
          element.checked = element.value === value;
        } else if (element.tagName === "SELECT" && element.multiple) {
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = value.indexOf(option.value) !== -1;
          });
        } else if (element.type !== "hidden") {
          element.value = value;
        }
      });
      if (TAG_FIELDS.indexOf(name) !== -1 && Array.isArray(value)) {
        // Chips accepted (or shown) in the draft but not on the page yet: sent with the
        // next suggestions request, so they come back as they were.
        missingTags[name] = value.filter(function (id) { return found.indexOf(id) === -1; });
      }
    });
    return missingTags;
  }

  function setStatus(form, text) {
    var status = form.querySelector("[data-draft-status]");
    if (status) {
      status.textContent = text;
    }
  }

  function refreshSuggestions(form) {
    // The suggestions panel listens for this (see its hx-trigger).
    var panel = form.querySelector("#suggestions");
    if (panel) {
      window.setTimeout(function () {
        panel.dispatchEvent(new CustomEvent("draft-restored"));
      }, 0);
    }
  }

  function setUp(form) {
    var key = form.getAttribute("data-draft-key");
    var base = form.getAttribute("data-draft-base");
    var narrative = form.querySelector("[name='narrative']");
    var hasErrors = form.querySelector(".errorlist") !== null;
    var pendingTags = {};
    var timer = null;

    var draft = read(key);
    if (draft && draft.base === base && narrative && draft.fields.narrative &&
        draft.fields.narrative !== narrative.value && (narrative.value === "" || !hasErrors)) {
      pendingTags = apply(form, draft.fields);
      var note = form.querySelector("[data-draft-note]");
      if (note) {
        note.hidden = false;
      }
      refreshSuggestions(form);
    } else if (narrative && narrative.value !== narrative.defaultValue) {
      refreshSuggestions(form); // the browser put back what was typed before a reload
    }

    function save() {
      timer = null;
      var fields = fieldsOf(form);
      if (!fields.narrative || !fields.narrative.trim()) {
        store.removeItem(key);
        setStatus(form, "");
        return;
      }
      try {
        store.setItem(key, JSON.stringify({ base: base, savedAt: Date.now(), fields: fields }));
        var now = new Date();
        setStatus(form, "Draft kept on this device at " + now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
      } catch (error) {
        setStatus(form, "");
      }
    }

    function saveSoon() {
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(save, 300);
    }

    form.addEventListener("input", saveSoon);
    form.addEventListener("change", saveSoon);
    window.addEventListener("pagehide", function () {
      if (timer) {
        window.clearTimeout(timer);
        save();
      }
    });

    var discard = form.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        store.removeItem(key);
        pendingTags = {};
        form.reset();
        form.querySelector("[data-draft-note]").hidden = true;
        setStatus(form, "");
        refreshSuggestions(form);
      });
    }

    form.addEventListener("htmx:configRequest", function (event) {
      Object.keys(pendingTags).forEach(function (name) {
        pendingTags[name].forEach(function (id) {
          if (event.detail.parameters instanceof FormData) {
            event.detail.parameters.append(name, id);
          } else {
            event.detail.parameters[name] = [].concat(event.detail.parameters[name] || [], [id]);
          }
        });
      });
      pendingTags = {};
    });

    // Signed out meanwhile: the suggestions request was sent to the login page. Keep the
    // panel, say what happened; the draft is safe here until the user logs in again.
    form.addEventListener("htmx:beforeSwap", function (event) {
      var url = event.detail.xhr && event.detail.xhr.responseURL;
      if (url && url.indexOf("/accounts/login/") !== -1) {
        event.detail.shouldSwap = false;
        var notice = form.querySelector("[data-signed-out]");
        if (notice) {
          notice.hidden = false;
        }
      }
    });
  }

  function clearSavedDrafts() {
    document.querySelectorAll("[data-draft-clear]").forEach(function (element) {
      store.removeItem(element.getAttribute("data-draft-clear"));
    });
  }

  function start() {
    clearSavedDrafts();
    document.querySelectorAll("form[data-draft-key]").forEach(setUp);
  }

  // After htmx has set up its triggers (it starts on DOMContentLoaded too, and its script
  // comes first), so that a restored draft asks for fresh suggestions.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
