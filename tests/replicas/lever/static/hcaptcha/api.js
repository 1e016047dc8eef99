/* A stand-in for hCaptcha's api.js (own code), served at js.hcaptcha.com in tests.
 * Like the real widget: render() puts a checkbox iframe and a `h-captcha-response` textarea
 * into the container and a challenge iframe (hidden) into the body; execute() on an
 * invisible widget opens the challenge; solving it in the challenge frame posts a token
 * back, which fills the textarea and calls the page's callback. A headless browser always
 * gets the challenge, as automated traffic does. */
(function () {
  "use strict";
  var ASSETS = "https://newassets.hcaptcha.com/captcha/v1/4e1c9a7/static/hcaptcha.html";
  var widgets = [];

  function render(container, params) {
    params = params || {};
    var el = typeof container === "string" ? document.getElementById(container) : container;
    var id = String(widgets.length);
    var sitekey = params.sitekey || el.getAttribute("data-sitekey");
    var size = params.size || el.getAttribute("data-size") || "normal";
    var query = "id=" + id + "&host=" + encodeURIComponent(location.hostname) + "&sitekey=" + sitekey;
    var box = document.createElement("iframe");
    box.src = ASSETS + "#frame=" + (size === "invisible" ? "checkbox-invisible" : "checkbox") + "&" + query;
    box.title = "Widget containing checkbox for hCaptcha security challenge";
    box.setAttribute("data-hcaptcha-widget-id", id);
    box.style.cssText = size === "invisible" ? "display:none" : "width:303px;height:78px;border:0";
    el.appendChild(box);
    var ta = document.createElement("textarea");
    ta.name = "h-captcha-response";
    ta.id = "h-captcha-response-" + id;
    ta.style.display = "none";
    el.appendChild(ta);
    var wrap = document.createElement("div");
    wrap.style.cssText = "visibility:hidden;position:absolute;top:-10000px;left:10px;z-index:2147483647;" +
      "background:#fff;border:1px solid #ccc;box-shadow:0 0 8px rgba(0,0,0,.3)";
    var ch = document.createElement("iframe");
    ch.src = ASSETS + "#frame=challenge&" + query;
    ch.title = "Main content of the hCaptcha challenge";
    ch.style.cssText = "width:400px;height:420px;border:0";
    wrap.appendChild(ch);
    document.body.appendChild(wrap);
    widgets.push({ el: el, params: params, ta: ta, wrap: wrap });
    return id;
  }

  function execute(id) {
    var w = widgets[Number(id || 0)];
    setTimeout(function () {
      w.wrap.style.top = (window.scrollY + 40) + "px";
      w.wrap.style.visibility = "visible";
    }, 150);
  }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.origin !== "https://newassets.hcaptcha.com" || !d || d.source !== "hcaptcha") return;
    var w = widgets[Number(d.id)];
    if (!w || d.label !== "challenge-passed") return;
    w.ta.value = d.token;
    w.wrap.style.visibility = "hidden";
    w.wrap.style.top = "-10000px";
    if (typeof w.params.callback === "function") w.params.callback(d.token);
  });

  window.hcaptcha = {
    render: render,
    execute: execute,
    getResponse: function (id) { return widgets[Number(id || 0)].ta.value; },
    reset: function (id) { widgets[Number(id || 0)].ta.value = ""; },
  };

  var src = (document.currentScript && document.currentScript.src) || "";
  var m = /[?&]onload=([^&#]+)/.exec(src);
  if (m) {
    var go = function () { if (typeof window[m[1]] === "function") window[m[1]](); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  }
})();
