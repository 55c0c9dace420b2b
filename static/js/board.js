// The "now serving" board: asks /api/appointments/board/ for news every few
// seconds, updates the numbers, highlights the counters that just called and,
// once someone turned announcements on (browsers only speak after a click),
// says the number aloud. Without JavaScript the page reloads itself.
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) { return; }
  if (!window.fetch || !window.Intl) {
    // An old TV browser: reload the page as the no-script fallback does.
    window.setTimeout(function () { window.location.reload(); }, 5000);
    return;
  }
  var url = board.getAttribute("data-board-url");
  var pollMs = 1000 * (parseInt(board.getAttribute("data-poll-seconds"), 10) || 2);
  var rows = board.querySelector("[data-board-rows]");
  var label = rows.getAttribute("data-counter-label") || "";
  var announce = board.querySelector("[data-board-announce]");
  var groups = board.querySelector("[data-board-groups]");
  var clock = board.querySelector("[data-board-clock]");
  var status = board.querySelector("[data-board-status]");
  var soundButton = board.querySelector("[data-board-sound]");
  var speechLang = board.getAttribute("data-speech-lang") || "vi-VN";
  var sayNumber = board.getAttribute("data-say-number") || "";
  var sayCounter = board.getAttribute("data-say-counter") || "";
  var waitingWord = board.getAttribute("data-waiting") || "";
  var seen = {};
  var speaking = false;
  var HIGHLIGHT_MS = 20000;

  // What each counter showed when the page loaded: not announced again.
  rows.querySelectorAll("[data-counter]").forEach(function (row) {
    seen[row.getAttribute("data-counter")] = row.getAttribute("data-called-at") + "|" + row.getAttribute("data-calls");
  });

  if ("speechSynthesis" in window && window.SpeechSynthesisUtterance) {
    soundButton.hidden = false;
    soundButton.addEventListener("click", function () {
      speaking = !speaking;
      soundButton.setAttribute("aria-pressed", speaking ? "true" : "false");
      if (speaking) { say(soundButton.textContent); }
    });
  }

  function say(text) {
    if (!speaking) { return; }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = speechLang;
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  function spell(ticket) {
    // "A012" is read letter by letter and digit by digit: "A 0 1 2".
    return ticket.split("").join(" ");
  }

  function cell(text, className) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  // Element.replaceChildren is missing from older TV browsers.
  function replaceAll(parent, nodes) {
    while (parent.firstChild) { parent.removeChild(parent.firstChild); }
    nodes.forEach(function (node) { parent.appendChild(node); });
  }

  function item(entry) {
    var row = document.createElement("li");
    row.className = "board__item";
    row.setAttribute("data-counter", entry.counter);
    row.appendChild(cell(label + " " + entry.counter, "board__counter"));
    row.appendChild(cell(entry.name, "board__name"));
    row.appendChild(cell("–", "board__number"));
    return row;
  }

  // Changes only what changed, so the page stays calm for screen readers;
  // new calls are announced once, in the live region.
  function render(data) {
    var now = Date.now();
    var wanted = data.counters.map(function (entry) { return entry.counter; }).join(",");
    var shown = Array.prototype.map.call(rows.children, function (row) {
      return row.getAttribute("data-counter");
    }).join(",");
    if (wanted !== shown) {
      replaceAll(rows, data.counters.map(item));
    }
    var calls = [];
    data.counters.forEach(function (entry, index) {
      var row = rows.children[index];
      var number = row.querySelector(".board__number");
      var text = entry.ticket || "–";
      if (number.textContent !== text) { number.textContent = text; }
      var calledAt = entry.called_at ? Date.parse(entry.called_at) : 0;
      row.classList.toggle("board__item--new", Boolean(entry.ticket && calledAt && now - calledAt < HIGHLIGHT_MS));
      var key = entry.called_at + "|" + entry.calls;
      if (entry.ticket && seen[entry.counter] !== undefined && seen[entry.counter] !== key) {
        calls.push(sayNumber + " " + entry.ticket + ", " + sayCounter + " " + entry.counter);
        say(sayNumber + " " + spell(entry.ticket) + ", " + sayCounter + " " + entry.counter);
      }
      seen[entry.counter] = key;
    });
    if (calls.length) { announce.textContent = calls.join(". "); }
    var waiting = data.groups.map(function (group) {
      return group.letter + " – " + group.name + ": " + group.waiting + " " + waitingWord;
    });
    var current = Array.prototype.map.call(groups.children, function (span) { return span.textContent; });
    if (waiting.join("|") !== current.join("|")) {
      replaceAll(groups, waiting.map(function (text) { return cell(text, ""); }));
    }
  }

  // The centre's time, whatever the screen's own time zone.
  var clockFormat = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit", minute: "2-digit", hour12: false,
    timeZone: board.getAttribute("data-time-zone") || undefined
  });

  function tick() {
    clock.textContent = clockFormat.format(new Date());
  }

  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, cache: "no-store"})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) { render(data); status.textContent = ""; })
      .catch(function () { status.textContent = "…"; })
      .then(function () { window.setTimeout(poll, pollMs); });
  }

  tick();
  window.setInterval(tick, 10000);
  window.setTimeout(poll, pollMs);
})();
