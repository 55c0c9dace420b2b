/* Completion as you type for every search box with data-suggest-url, and
   auto-applied filters on the search page. Progressive enhancement: without
   this file the forms work exactly the same. ARIA 1.2 combobox pattern. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "vi").slice(0, 2);

  function debounce(fn, ms) {
    var t;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function enhance(input, n) {
    var url = input.getAttribute("data-suggest-url");
    if (!url || !window.fetch) return;
    var wrap = document.createElement("div");
    wrap.className = "suggest";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    var listId = "suggest-list-" + n;
    list.id = listId;
    list.className = "suggest__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", lang === "en" ? "Suggestions" : "Gợi ý");
    list.hidden = true;
    wrap.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var items = [], active = -1, last = "", controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function select(i) {
      var options = list.children;
      for (var k = 0; k < options.length; k++) options[k].setAttribute("aria-selected", k === i ? "true" : "false");
      active = i;
      if (i >= 0) input.setAttribute("aria-activedescendant", options[i].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.className = "suggest__option";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.name;
        var code = document.createElement("span");
        code.className = "suggest__code";
        code.textContent = s.code;
        li.appendChild(code);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); go(i); });
        list.appendChild(li);
      });
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else close();
      active = -1;
    }

    function go(i) {
      if (items[i] && items[i].url) window.location.href = items[i].url;
    }

    var fetchSuggestions = debounce(function (q) {
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?locale=" + lang + "&q=" + encodeURIComponent(q), controller ? { signal: controller.signal } : {})
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) render(data.suggestions || []); })
        .catch(function () {});
    }, 150);

    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.length < 2) { render([]); return; }
      fetchSuggestions(q);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); select(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); select(Math.max(active - 1, -1)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); go(active); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  var inputs = document.querySelectorAll("input[data-suggest-url]");
  for (var i = 0; i < inputs.length; i++) enhance(inputs[i], i);

  // Which result was opened, counted per query and day (no personal data):
  // the search-quality report shows searches nobody opened a result of.
  var lists = document.querySelectorAll("[data-search-results]");
  var codesNode = document.getElementById("search-result-codes");
  if (lists.length && codesNode && navigator.sendBeacon) {
    var codes = JSON.parse(codesNode.textContent);
    var list = lists[0];
    list.addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest(".card__title a") : null;
      if (!link) return;
      var cards = list.querySelectorAll(".card__title a");
      var position = Array.prototype.indexOf.call(cards, link);
      if (position < 0 || !codes[position]) return;
      var data = new FormData();
      data.append("q", list.getAttribute("data-q") || "");
      data.append("locale", list.getAttribute("data-locale") || lang);
      data.append("code", codes[position]);
      navigator.sendBeacon(list.getAttribute("data-click-url"), data);
    });
  }

  // Filters apply as soon as a box is ticked; the button stays for no-JS.
  var facets = document.querySelectorAll("form[data-autosubmit]");
  for (var j = 0; j < facets.length; j++) {
    (function (form) {
      var button = form.querySelector(".facets__apply");
      if (button) button.hidden = true;
      form.addEventListener("change", function () { form.submit(); });
    })(facets[j]);
  }
})();
