/*
 * JobPilot DOM layer — captcha.js
 *
 * Raw evidence of CAPTCHA widgets (reCAPTCHA v2/v3, hCaptcha, Turnstile, image captchas)
 * with their sitekeys. It only reports what is on the page: CAPTCHA plugins decide what a
 * widget means and whether a person must step in. Nothing here interacts with a widget.
 */
(function () {
  "use strict";
  var J = (globalThis.__jobpilot = globalThis.__jobpilot || {});
  if (J.captcha) return;
  var U = J.util;

  function param(url, name) {
    var m = new RegExp("[?&#]" + name + "=([^&#]+)").exec(url || "");
    return m ? decodeURIComponent(m[1]) : null;
  }

  /** Detect widgets in one document; `frame` is its frame path, `checker` a visibility checker. */
  function detect(doc, frame, checker) {
    var out = [];
    var seen = {};
    function push(w, el) {
      var key = w.kind + "|" + (w.sitekey || "") + "|" + (w.src || "");
      if (seen[key]) return;
      seen[key] = 1;
      w.frame = frame;
      w.ref = el ? J.refs.refFor(el) : null;
      if (w.visible == null) w.visible = el ? checker.isShown(el) : false;
      w.invisible = !!w.invisible;
      out.push(w);
    }
    var i;
    var els = doc.querySelectorAll(".g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey]");
    for (i = 0; i < els.length; i++) {
      var el = els[i];
      var cls = el.getAttribute("class") || "";
      var kind = /h-captcha/.test(cls) ? "hcaptcha" : /cf-turnstile/.test(cls) ? "turnstile"
        : /g-recaptcha/.test(cls) ? "recaptcha" : "unknown";
      push({
        kind: kind,
        sitekey: el.getAttribute("data-sitekey"),
        invisible: el.getAttribute("data-size") === "invisible" || el.getAttribute("data-appearance") === "execute",
      }, el);
    }
    var frames = doc.querySelectorAll("iframe[src]");
    var haveKind = {};
    out.forEach(function (w) { haveKind[w.kind] = 1; });
    for (i = 0; i < frames.length; i++) {
      var f = frames[i];
      var src = f.src || "";
      var k = null;
      if (/\/recaptcha\/(api2|enterprise)\/anchor/.test(src)) k = "recaptcha";
      else if (/hcaptcha\.com/.test(src)) k = "hcaptcha";
      else if (/challenges\.cloudflare\.com/.test(src)) k = "turnstile";
      if (!k || haveKind[k]) continue;
      push({ kind: k, sitekey: param(src, "k") || param(src, "sitekey"), src: src,
        invisible: param(src, "size") === "invisible" }, f);
    }
    var scripts = doc.querySelectorAll("script[src]");
    for (i = 0; i < scripts.length; i++) {
      var s = scripts[i].src || "";
      if (/\/recaptcha\/(api|enterprise)\.js/.test(s)) {
        var render = param(s, "render");
        if (render && render !== "explicit" && render !== "onload") {
          push({ kind: "recaptcha_v3", sitekey: render, src: s, invisible: true, visible: false }, null);
        }
      }
    }
    var imgs = doc.querySelectorAll("img");
    for (i = 0; i < imgs.length; i++) {
      var img = imgs[i];
      var hint = (img.getAttribute("src") || "") + " " + (img.alt || "") + " " + (img.id || "") +
        " " + (img.getAttribute("class") || "");
      if (!/captcha/i.test(hint)) continue;
      var box = img.parentElement;
      var input = null;
      for (var d = 0; box && d < 3 && !input; d++, box = box.parentElement) {
        input = box.querySelector("input[type=text], input:not([type])");
      }
      if (input) push({ kind: "image", src: img.src, sitekey: null }, img);
    }
    return out;
  }

  J.captcha = { detect: detect };
  void U;
})();
