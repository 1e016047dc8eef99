/*
 * A local stand-in for Google's reCAPTCHA loader (no Google network in tests). It renders
 * what the real one renders, as far as JobPilot looks: for each .g-recaptcha element an
 * anchor iframe (/recaptcha/api2/anchor?k=...&size=...) and a hidden
 * textarea[name=g-recaptcha-response]; an invisible widget or a v3 site key (?render=KEY)
 * gets the bottom-right badge instead of a checkbox.
 */
(function () {
  var me = document.currentScript;
  var render = /[?&]render=([^&]+)/.exec(me.src);
  var base = me.src.replace(/\/recaptcha\/api\.js.*$/, "");

  function frame(key, size) {
    var f = document.createElement("iframe");
    f.src = base + "/recaptcha/api2/anchor.html?ar=1&k=" + encodeURIComponent(key) + "&size=" + size;
    f.title = "reCAPTCHA";
    f.width = size === "invisible" ? "256" : "304";
    f.height = size === "invisible" ? "60" : "78";
    f.style.border = "0";
    return f;
  }

  function badge(key, parent) {
    var b = document.createElement("div");
    b.className = "grecaptcha-badge";
    b.style.cssText = "position:fixed;right:0;bottom:14px;width:256px;height:60px;";
    b.appendChild(frame(key, "invisible"));
    (parent || document.body).appendChild(b);
    return b;
  }

  function response() {
    var t = document.createElement("textarea");
    t.id = "g-recaptcha-response";
    t.name = "g-recaptcha-response";
    t.className = "g-recaptcha-response";
    t.style.display = "none";
    return t;
  }

  var widgets = [];
  function renderAll() {
    var els = document.querySelectorAll(".g-recaptcha");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.getAttribute("data-rendered")) continue;
      el.setAttribute("data-rendered", "1");
      var key = el.getAttribute("data-sitekey");
      var size = el.getAttribute("data-size") || "normal";
      if (size === "invisible") {
        badge(key, el).appendChild(response());
      } else {
        var holder = document.createElement("div");
        holder.style.cssText = "width:304px;height:78px;";
        holder.appendChild(frame(key, size));
        holder.appendChild(response());
        el.appendChild(holder);
      }
      widgets.push(el);
    }
  }

  window.grecaptcha = {
    ready: function (cb) { cb(); },
    getResponse: function () {
      var t = document.querySelector("[name=g-recaptcha-response]");
      return t ? t.value : "";
    },
    execute: function () { return Promise.resolve("v3-local-token"); },
    render: function () { renderAll(); return 0; },
  };
  if (render) {
    badge(render[1]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})();
