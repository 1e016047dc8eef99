/* Replica of Lever's location typeahead (own code): suggestions load asynchronously while
 * typing; picking one stores the structured location in the hidden `selectedLocation`. */
(function () {
  "use strict";
  var input = document.getElementById("location-input");
  if (!input) return;
  var hidden = document.getElementById("selected-location");
  var box = input.parentElement.querySelector(".dropdown-container");
  var results = box.querySelector(".dropdown-results");
  var timer = null;
  var seq = 0;
  function close() { box.classList.remove("open", "loading", "empty"); results.innerHTML = ""; }
  input.addEventListener("input", function () {
    hidden.value = "";
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      box.classList.add("open", "loading");
      fetch("/searchLocations?text=" + encodeURIComponent(text))
        .then(function (r) { return r.json(); })
        .then(function (list) {
          if (mine !== seq) return;
          box.classList.remove("loading");
          results.innerHTML = "";
          box.classList.toggle("empty", !list.length);
          list.forEach(function (loc) {
            var item = document.createElement("div");
            item.className = "dropdown-location";
            item.textContent = loc.name;
            item.addEventListener("mousedown", function (e) {
              e.preventDefault();
              input.value = loc.name;
              hidden.value = JSON.stringify(loc);
              close();
            });
            results.appendChild(item);
          });
        });
    }, 250);
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
