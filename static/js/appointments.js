// Enhancements only: booking works without JavaScript (the day buttons submit
// a GET form, the times come with the page).
// - The days become a month calendar showing how many places are free.
// - Choosing a day loads its times from the slots API without a page load.
// - The kiosk's ticket page goes back to the kiosk after a while.
(function () {
  "use strict";

  var kiosk = document.querySelector("[data-kiosk-return]");
  if (kiosk) {
    window.setTimeout(function () {
      window.location.assign(kiosk.getAttribute("data-kiosk-return"));
    }, 30000);
  }

  var picker = document.querySelector("[data-day-picker]");
  var form = document.querySelector("[data-booking-form]");
  if (!picker || !form || !window.fetch || !window.Intl) { return; }
  var slotsUrl = picker.getAttribute("data-slots-url");
  var procedure = form.getAttribute("data-procedure");
  var group = form.querySelector("[data-slot-group]");
  var dayInput = form.querySelector("[data-day-input]");
  var language = document.documentElement.lang || "vi";
  var buttons = Array.prototype.slice.call(picker.querySelectorAll("button[data-date]"));
  if (!slotsUrl || !procedure || !group || !buttons.length) { return; }

  function parseDay(value) {
    var parts = value.split("-");
    return new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
  }

  function iso(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" + String(date.getDate()).padStart(2, "0");
  }

  // --- the calendar ---------------------------------------------------------
  var monthName = new Intl.DateTimeFormat(language, {month: "long", year: "numeric"});
  var weekdayName = new Intl.DateTimeFormat(language, {weekday: "short"});
  var byDate = {};
  var most = 0;
  buttons.forEach(function (button) {
    byDate[button.getAttribute("data-date")] = button;
    most = Math.max(most, Number(button.getAttribute("data-places")) || 0);
  });

  function emptyCell(text) {
    var cell = document.createElement("div");
    cell.className = "calendar__cell";
    cell.setAttribute("aria-hidden", "true");
    cell.textContent = text;
    return cell;
  }

  function shortLabel(text, className) {
    var label = document.createElement("span");
    label.className = className;
    label.setAttribute("aria-hidden", "true");
    label.textContent = text;
    return label;
  }

  function buildCalendar() {
    var first = parseDay(buttons[0].getAttribute("data-date"));
    var last = parseDay(buttons[buttons.length - 1].getAttribute("data-date"));
    var calendar = document.createElement("div");
    calendar.className = "calendar";
    var month = new Date(first.getFullYear(), first.getMonth(), 1);
    while (month <= last) {
      var heading = document.createElement("h3");
      heading.className = "calendar__month";
      heading.textContent = monthName.format(month);
      var grid = document.createElement("div");
      grid.className = "calendar__grid";
      for (var w = 0; w < 7; w += 1) {
        // 2024-01-01 was a Monday: weeks start on Monday, as in Vietnam.
        var header = emptyCell(weekdayName.format(new Date(2024, 0, 1 + w)));
        header.className = "calendar__weekday";
        grid.appendChild(header);
      }
      var offset = (month.getDay() + 6) % 7;
      for (var blank = 0; blank < offset; blank += 1) { grid.appendChild(emptyCell("")); }
      var day = new Date(month);
      while (day.getMonth() === month.getMonth()) {
        var button = byDate[iso(day)];
        if (button) {
          var places = Number(button.getAttribute("data-places")) || 0;
          button.classList.add(places * 2 >= most ? "day-picker__day--many" : "day-picker__day--few");
          // Short figures for the eye; the button's full text stays for
          // screen readers ("Thứ Hai 07/12/2026, còn 39 chỗ").
          button.appendChild(shortLabel(String(day.getDate()), "calendar__day"));
          button.appendChild(shortLabel(String(places), "calendar__count"));
          grid.appendChild(button);
        } else {
          grid.appendChild(emptyCell(String(day.getDate())));
        }
        day.setDate(day.getDate() + 1);
      }
      calendar.appendChild(heading);
      calendar.appendChild(grid);
      month = new Date(month.getFullYear(), month.getMonth() + 1, 1);
    }
    var list = picker.querySelector(".day-picker__list");
    list.parentNode.replaceChild(calendar, list);
  }

  // --- times of a day, from the API -------------------------------------------
  function placesText(n) {
    var pattern = form.getAttribute(n === 1 ? "data-place-one" : "data-place-many") || "{n}";
    return pattern.replace("{n}", String(n));
  }

  function time(value) {
    return value.slice(11, 16);
  }

  function renderTimes(date, slots) {
    var legendPattern = form.getAttribute("data-times-label") || "{day}";
    var button = byDate[date];
    var dayText = button.querySelector(".day-picker__weekday").textContent + " " + button.querySelector(".day-picker__date").textContent;
    var wrapper = document.createElement("div");
    wrapper.className = "form-group";
    var fieldset = document.createElement("fieldset");
    fieldset.className = "form-fieldset";
    var legend = document.createElement("legend");
    legend.textContent = legendPattern.replace("{day}", dayText);
    legend.tabIndex = -1;
    fieldset.appendChild(legend);
    var list = document.createElement("ul");
    list.className = "choice-list";
    slots.forEach(function (slot, index) {
      var item = document.createElement("li");
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "slot";
      input.id = "id_slot_" + index;
      input.value = slot.start.slice(0, 16);
      label.htmlFor = input.id;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + time(slot.start) + " – " + time(slot.end) + " (" + placesText(slot.available) + ")"));
      item.appendChild(label);
      list.appendChild(item);
    });
    fieldset.appendChild(list);
    wrapper.appendChild(fieldset);
    group.replaceChildren(wrapper);
    return legend;
  }

  function choose(button) {
    var date = button.getAttribute("data-date");
    var url = slotsUrl + "?procedure=" + encodeURIComponent(procedure) + "&from=" + date + "&days=1";
    fetch(url, {headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        buttons.forEach(function (other) { other.removeAttribute("aria-current"); });
        button.setAttribute("aria-current", "date");
        dayInput.value = date;
        var legend = renderTimes(date, data.slots);
        window.history.replaceState(null, "", "?day=" + date);
        legend.focus();
      })
      .catch(function () {
        // The API did not answer: let the form do it the plain way.
        window.location.assign("?day=" + date);
      });
  }

  picker.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-date]");
    if (!button) { return; }
    event.preventDefault();
    choose(button);
  });

  buildCalendar();
})();
