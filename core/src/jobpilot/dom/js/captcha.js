/*
 * JobPilot DOM layer — captcha.js
 *
 * Raw evidence of CAPTCHA widgets (reCAPTCHA v2/v3, hCaptcha, Turnstile, image captchas)
 * with their sitekeys. It only reports what is on the page: CAPTCHA plugins decide what a
 * widget means and whether a person must step in. Detection never interacts with a widget;
 * `deliver` hands a solved token (from a solver the person opted into) to the widget's
 * response fields, as the widget itself would.
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

  // The popup an invisible widget opens once it decides to challenge (hCaptcha's
  // "#frame=challenge" iframe, reCAPTCHA's "bframe"); it is present but hidden until then.
  var CHALLENGE_FRAMES = {
    hcaptcha: /hcaptcha\.com\/.*[#?&]frame=challenge\b/,
    recaptcha: /\/recaptcha\/(api2|enterprise)\/bframe/,
  };

  function challengeShown(doc, kind, checker) {
    var rx = CHALLENGE_FRAMES[kind];
    if (!rx) return false;
    var frames = doc.querySelectorAll("iframe[src]");
    for (var i = 0; i < frames.length; i++) {
      if (rx.test(frames[i].src || "") && checker.isShown(frames[i])) return true;
    }
    return false;
  }

  function kindOf(el) {
    var cls = el.getAttribute("class") || "";
    return /h-captcha/.test(cls) ? "hcaptcha" : /cf-turnstile/.test(cls) ? "turnstile"
      : /g-recaptcha/.test(cls) ? "recaptcha" : "unknown";
  }

  var RESPONSE_NAMES = {
    hcaptcha: ["h-captcha-response", "g-recaptcha-response"],
    recaptcha: ["g-recaptcha-response"],
    turnstile: ["cf-turnstile-response"],
    unknown: ["h-captcha-response", "g-recaptcha-response", "cf-turnstile-response"],
  };

  /** True once the widget's response field holds a token (a person or a solver answered). */
  function solvedIn(el, kind) {
    var names = RESPONSE_NAMES[kind] || RESPONSE_NAMES.unknown;
    for (var i = 0; i < names.length; i++) {
      var found = el.querySelectorAll('[name="' + names[i] + '"]');
      for (var j = 0; j < found.length; j++) {
        if ((found[j].value || "").trim()) return true;
      }
    }
    return false;
  }

  // Declared without a checkbox: reCAPTCHA/hCaptcha `data-size=invisible`, Turnstile's
  // `execute` and `interaction-only` appearances (shown only if Cloudflare must challenge).
  function declaredInvisible(el) {
    var size = el.getAttribute("data-size");
    var appearance = el.getAttribute("data-appearance");
    return size === "invisible" || appearance === "execute" || appearance === "interaction-only";
  }

  /** True for a CAPTCHA widget container (the element `detect` reports a ref for). */
  function isWidget(el) {
    return el.nodeType === 1 && el.matches(".g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey]");
  }

  /**
   * Put a solved token where the widget would: its response fields (inside the widget and
   * in its form) get the value with input/change events, and a `data-callback` named on
   * the widget is called. Returns {ok, count, error}.
   */
  function deliver(el, token) {
    var names = RESPONSE_NAMES[kindOf(el)];
    var scopes = [el, el.closest("form") || el.ownerDocument];
    var seen = [];
    scopes.forEach(function (scope) {
      names.forEach(function (n) {
        var found = scope.querySelectorAll('[name="' + n + '"]');
        for (var i = 0; i < found.length; i++) {
          var f = found[i];
          if (seen.indexOf(f) >= 0 || (f.tagName !== "INPUT" && f.tagName !== "TEXTAREA")) continue;
          seen.push(f);
          J.events.setValue(f, token);
          J.events.fire(f, "input");
          J.events.fire(f, "change");
        }
      });
    });
    var called = false;
    var cb = el.getAttribute("data-callback");
    var view = el.ownerDocument.defaultView || globalThis;
    if (cb && typeof view[cb] === "function") {
      view[cb](token);
      called = true;
    }
    if (!seen.length && !called) {
      return { ok: false, count: 0, error: "no response field or callback found for this CAPTCHA widget" };
    }
    return { ok: true, count: seen.length, error: null };
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
      w.challenge = !!w.challenge;
      w.solved = !!w.solved;
      out.push(w);
    }
    var i;
    var els = doc.querySelectorAll(".g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey]");
    for (i = 0; i < els.length; i++) {
      var el = els[i];
      var kind = kindOf(el);
      var inv = declaredInvisible(el);
      var shown = checker.isShown(el);
      if (kind === "turnstile" && el.getAttribute("data-appearance") === "interaction-only") {
        // Cloudflare renders an interaction-only widget visibly only when it must challenge.
        var tf = el.querySelector("iframe");
        if (tf && checker.isShown(tf)) inv = false;
      }
      push({
        kind: kind,
        sitekey: el.getAttribute("data-sitekey"),
        // Turnstile's (and reCAPTCHA v3 widgets') action and customer data: a solver must
        // pass them on, or the site rejects the token it gets back.
        action: el.getAttribute("data-action") || null,
        cdata: el.getAttribute("data-cdata") || null,
        invisible: inv,
        visible: shown,
        challenge: challengeShown(doc, kind, checker),
        solved: solvedIn(el, kind),
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
      var holder = f.parentElement;
      for (var up = 0; holder && up < 3 && !holder.querySelector("textarea, input[type=hidden]"); up++) {
        holder = holder.parentElement;
      }
      push({ kind: k, sitekey: param(src, "k") || param(src, "sitekey"), src: src,
        invisible: param(src, "size") === "invisible" || /grecaptcha-badge/.test((f.closest("[class]") || f).className || ""),
        challenge: challengeShown(doc, k, checker),
        solved: holder ? solvedIn(holder, k) : false }, f);
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
      var box = img.parentElement;
      var input = null;
      for (var d = 0; box && d < 3 && !input; d++, box = box.parentElement) {
        input = box.querySelector("input[type=text], input:not([type])");
      }
      // The image says "captcha", or the text box next to it does (name, id, placeholder).
      var inputHint = input ? (input.name || "") + " " + (input.id || "") + " " +
        (input.getAttribute("placeholder") || "") + " " + (input.getAttribute("aria-label") || "") : "";
      if (!/captcha/i.test(hint) && !/captcha|characters (in|shown) (the |this )?(image|picture)/i.test(inputHint)) continue;
      if (input) {
        push({ kind: "image", src: img.src, sitekey: null,
          solved: !!(input.value || "").trim() }, img);
      }
    }
    return out;
  }

  J.captcha = { detect: detect, isWidget: isWidget, deliver: deliver };
  void U;
})();
