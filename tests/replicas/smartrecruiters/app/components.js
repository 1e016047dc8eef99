/*
 * SmartRecruiters replica — the `spl-*` design-system components (invented implementation).
 *
 * Like the real one-click UI, every component is a custom element with an OPEN shadow root,
 * and components nest other components: `spl-input` renders `spl-internal-form-field`
 * (which lays out its slotted label and control) around a native <input>, so a control's
 * label, its `for` and the control sit together in the component's shadow tree, while the
 * page's own content (a consent text, an option's country name, a button's caption) is
 * slotted in from the light DOM. The host carries the same id as the inner control
 * (`<spl-input id="first-name-input">` around `<input id="first-name-input">`).
 *
 * What the app reads is the component's `value` property, which the component updates from
 * its inner control's own `input`/`change` events (not composed: they never leave the
 * shadow tree); it then announces `spl-change` (composed) to the app. A value set on the
 * inner control without its event is never seen, as on the real site.
 */
(function () {
  "use strict";

  var counter = 0;
  function nextId() { return "spl-form-element_" + ++counter; }
  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function announce(host, value) {
    host.dispatchEvent(new CustomEvent("spl-change", { bubbles: true, composed: true, detail: { value: value } }));
  }

  /** Lays out a label, a control and an error line (all slotted from the user component). */
  class SplInternalFormField extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open", serializable: true });
      var dir = this.getAttribute("orientation") === "horizontal" ? "horizontal" : "vertical";
      root.innerHTML =
        '<div class="c-spl-form-field c-spl-form-field--' + dir + '">' +
        '<slot name="label"></slot><slot name="description"></slot>' +
        '<slot class="c-spl-form-field-slot"></slot>' +
        '<p class="c-spl-form-field-error"><slot name="error-msg"></slot></p></div>';
    }
  }

  /** Base of the text-like components: host id = inner control id, label + required mark. */
  class SplField extends HTMLElement {
    constructor() {
      super();
      this._value = "";
    }
    get value() { return this._value; }
    set value(v) {
      this._value = v == null ? "" : String(v);
      var c = this.control;
      if (c && c.value !== this._value) c.value = this._value;
    }
    get control() { return this.shadowRoot ? this.shadowRoot.querySelector("input, textarea") : null; }
    set error(msg) {
      var e = this.shadowRoot && this.shadowRoot.querySelector("[slot=error-msg]");
      if (e) e.textContent = msg || "";
      if (this.control) this.control.setAttribute("aria-invalid", msg ? "true" : "false");
    }
    labelHtml(id) {
      var req = this.hasAttribute("required") ? '<span aria-hidden="true">*</span>' : "";
      return '<label slot="label" class="c-spl-form-field-label" for="' + id + '" id="' + id + '-label">' +
        '<span class="c-spl-form-field-label-required-group">' + esc(this.getAttribute("label")) + req + "</span></label>";
    }
    wire() {
      var self = this;
      var c = this.control;
      c.addEventListener("input", function () { self._value = c.value; announce(self, self._value); });
      c.addEventListener("change", function () { self._value = c.value; announce(self, self._value); });
      c.addEventListener("blur", function () { self.dispatchEvent(new CustomEvent("spl-blur", { bubbles: true, composed: true })); });
    }
  }

  class SplInput extends SplField {
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var id = this.id;
      var root = this.attachShadow({ mode: "open", serializable: true });
      var type = this.getAttribute("type") || "text";
      var extra = "";
      ["autocomplete", "placeholder", "role", "aria-haspopup", "aria-controls", "aria-autocomplete", "aria-label", "inputmode"].forEach(
        function (a) { if (this.hasAttribute("inner-" + a)) extra += " " + a + '="' + esc(this.getAttribute("inner-" + a)) + '"'; }, this);
      var label = this.hasAttribute("label") ? this.labelHtml(id) : "";
      root.innerHTML =
        "<spl-internal-form-field>" + label +
        '<div class="c-spl-input-grid"><div class="c-spl-input-wrapper">' +
        '<input class="c-spl-input" id="' + id + '" type="' + type + '"' + extra + "></div></div>" +
        '<span slot="error-msg"></span></spl-internal-form-field>';
      this.control.value = this._value;
      this.wire();
    }
  }

  class SplTextarea extends SplField {
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var id = this.id;
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        "<spl-internal-form-field>" + this.labelHtml(id) +
        '<div class="c-spl-textarea-wrapper"><textarea class="c-spl-textarea" id="' + id + '" rows="5"></textarea></div>' +
        '<span slot="error-msg"></span></spl-internal-form-field>';
      this.control.value = this._value;
      this.wire();
    }
  }

  /** A checkbox whose label text is slotted from the page (`slot="label-content"`). */
  class SplCheckbox extends HTMLElement {
    get value() { return !!(this.control && this.control.checked); }
    set value(v) { if (this.control) this.control.checked = !!v; }
    get control() { return this.shadowRoot ? this.shadowRoot.querySelector("input") : null; }
    set error(msg) {
      var e = this.shadowRoot && this.shadowRoot.querySelector("[slot=error-msg]");
      if (e) e.textContent = msg || "";
    }
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var id = this.id;
      var req = this.hasAttribute("required") ? '<span aria-hidden="true">*</span>' : "";
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        '<spl-internal-form-field orientation="horizontal" class="c-spl-checkbox__form-field">' +
        '<label slot="label" class="c-spl-form-field-label" for="' + id + '" id="' + id + '-label">' +
        '<slot name="label-content"></slot>' + req + "</label>" +
        '<div class="c-spl-checkbox-wrapper c-spl-checkbox">' +
        '<input class="c-spl-checkbox__input" type="checkbox" id="' + id + '" aria-labelledby="' + id + '-label"></div>' +
        '<span slot="error-msg"></span></spl-internal-form-field>';
      var self = this;
      this.control.addEventListener("change", function () { announce(self, self.control.checked); });
    }
  }

  /** A button whose caption is slotted; aria-label is forwarded to the native button. */
  class SplButton extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var kind = this.getAttribute("type") || "primary";
      var aria = this.getAttribute("aria-label");
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        '<button type="button" class="c-spl-button-wrapper c-spl-button c-spl-button--' + kind + '"' +
        (aria ? ' aria-label="' + esc(aria) + '"' : "") + '><span class="c-spl-button__content"><slot></slot></span></button>';
    }
  }

  /** One option of an spl-select: its row (role=option) lives in its own shadow root, its
   *  text is slotted from the light DOM. */
  class SplSelectOption extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML = '<div class="c-spl-dropdown-item" role="option" aria-selected="false"><slot></slot></div>';
      var self = this;
      root.firstChild.addEventListener("click", function () {
        self.dispatchEvent(new CustomEvent("spl-option-pick", { bubbles: true, composed: true, detail: { value: self.getAttribute("value") } }));
      });
    }
    get row() { return this.shadowRoot && this.shadowRoot.firstChild; }
  }

  /**
   * A listbox select: a trigger button (aria-haspopup=listbox) and a menu (role=listbox)
   * that slots the host's `spl-select-option` children; the menu opens on click, a short
   * moment later, and shows a search box when `searchable`.
   */
  class SplSelect extends HTMLElement {
    constructor() { super(); this._value = ""; }
    get value() { return this._value; }
    set value(v) { this._value = v == null ? "" : String(v); this.render(); }
    get button() { return this.shadowRoot && this.shadowRoot.querySelector("button"); }
    get menu() { return this.shadowRoot && this.shadowRoot.querySelector("[role=listbox]"); }
    set error(msg) {
      var e = this.shadowRoot && this.shadowRoot.querySelector("[slot=error-msg]");
      if (e) e.textContent = msg || "";
    }
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var id = this.id;
      this._value = this.getAttribute("value") || "";
      var label = this.getAttribute("label");
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        "<spl-internal-form-field>" +
        (label ? '<label slot="label" class="c-spl-form-field-label" id="' + id + '-label">' + esc(label) +
          (this.hasAttribute("required") ? '<span aria-hidden="true">*</span>' : "") + "</label>" : "") +
        '<div class="c-spl-dropdown c-spl-dropdown--close">' +
        '<button class="c-spl-select-field" type="button" aria-haspopup="listbox" aria-expanded="false" id="' + id + '"' +
        ' aria-controls="' + id + '-menu"' +
        (this.getAttribute("aria-label") ? ' aria-label="' + esc(this.getAttribute("aria-label")) + '"' : ' aria-labelledby="' + id + '-label"') +
        '><span class="c-spl-select-content"></span></button>' +
        '<div class="c-spl-dropdown-menu" hidden>' +
        (this.hasAttribute("searchable") ? '<input class="c-spl-dropdown-search__input" type="text" role="combobox" aria-label="Search by country/region or code" aria-controls="' + id + '-menu">' : "") +
        '<div id="' + id + '-menu" role="listbox"><slot></slot></div></div></div>' +
        '<span slot="error-msg"></span></spl-internal-form-field>';
      var self = this;
      this.button.addEventListener("click", function () { self.toggle(); });
      this.addEventListener("spl-option-pick", function (ev) {
        ev.stopPropagation();
        self._value = ev.detail.value;
        self.close();
        self.render();
        announce(self, self._value);
      });
      var search = root.querySelector(".c-spl-dropdown-search__input");
      if (search) search.addEventListener("input", function () {
        var q = search.value.toLowerCase();
        Array.prototype.forEach.call(self.querySelectorAll("spl-select-option"), function (o) {
          o.hidden = q && o.textContent.toLowerCase().indexOf(q) < 0;
        });
      });
      this.render();
    }
    toggle() { if (this.menuShown) this.close(); else this.open(); }
    open() {
      var self = this;
      this.button.setAttribute("aria-expanded", "true");
      setTimeout(function () {
        self.menuShown = true;
        self.shadowRoot.querySelector(".c-spl-dropdown-menu").hidden = false;
      }, 30);
    }
    close() {
      this.menuShown = false;
      this.button.setAttribute("aria-expanded", "false");
      this.shadowRoot.querySelector(".c-spl-dropdown-menu").hidden = true;
    }
    render() {
      if (!this.shadowRoot) return;
      var chosen = null;
      Array.prototype.forEach.call(this.querySelectorAll("spl-select-option"), function (o) {
        var on = o.getAttribute("value") === this._value;
        if (on) chosen = o;
        if (o.row) o.row.setAttribute("aria-selected", on ? "true" : "false");
      }, this);
      this.shadowRoot.querySelector(".c-spl-select-content").textContent = chosen ? chosen.textContent.replace(/\s+/g, " ").trim() : (this.getAttribute("placeholder") || "Select");
    }
  }

  /**
   * A location autocomplete: an spl-input (role=combobox) whose suggestions, fetched from
   * the server a moment after typing, render as options in the autocomplete's own menu
   * (aria-controls points across the spl-input's shadow boundary, as on the real page).
   * Leaving the box without picking a suggestion clears it.
   */
  class SplAutocomplete extends HTMLElement {
    constructor() { super(); this._value = ""; this._seq = 0; }
    get value() { return this._value; }
    set value(v) {
      this._value = v == null ? "" : String(v);
      var inp = this.input;
      if (inp) inp.value = this._value;
    }
    get input() { return this.shadowRoot && this.shadowRoot.querySelector("spl-input"); }
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var id = this.id;
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        '<div class="c-spl-autocomplete-trigger">' +
        '<spl-input id="' + id + '" label="' + esc(this.getAttribute("label")) + '" inner-role="combobox" inner-aria-haspopup="listbox"' +
        ' inner-aria-controls="menu-' + id + '" inner-aria-autocomplete="list" inner-autocomplete="off"></spl-input></div>' +
        '<div id="menu-' + id + '" role="listbox" class="c-spl-autocomplete-menu" hidden></div>';
      var self = this;
      var menu = root.querySelector("[role=listbox]");
      root.addEventListener("spl-change", function (ev) {
        if (ev.target !== self.input) return;
        ev.stopPropagation();
        var q = String(ev.detail.value || "");
        var seq = ++self._seq;
        self._value = "";
        if (q.length < 2) { menu.hidden = true; menu.innerHTML = ""; return; }
        fetch(self.getAttribute("source") + "?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (list) {
          if (seq !== self._seq) return;
          menu.innerHTML = list.map(function (s, i) { return '<div role="option" class="c-spl-autocomplete-option" id="' + id + '-opt-' + i + '">' + esc(s) + "</div>"; }).join("") ||
            '<div class="c-spl-autocomplete-empty">No results found</div>';
          menu.hidden = false;
        });
      });
      menu.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
      menu.addEventListener("click", function (ev) {
        var opt = ev.target.closest("[role=option]");
        if (!opt) return;
        self._seq++;
        self._value = opt.textContent;
        self.input.value = self._value;
        menu.hidden = true;
        announce(self, self._value);
      });
      root.addEventListener("spl-blur", function (ev) {
        if (ev.target !== self.input) return;
        setTimeout(function () {
          menu.hidden = true;
          if (!self._value) { self.input.value = ""; }
        }, 150);
      });
    }
  }

  /**
   * Phone number: a searchable country-code select (its options slotted into the select's
   * menu, each option row in its own shadow root) next to a tel input, one label for both.
   */
  class SplPhoneField extends HTMLElement {
    get value() {
      var sel = this.shadowRoot && this.shadowRoot.querySelector("spl-select");
      var tel = this.shadowRoot && this.shadowRoot.querySelector("spl-input");
      return { country: sel ? sel.value : "", number: tel ? tel.value : "" };
    }
    set value(v) {
      this._pending = v;
      if (!this.shadowRoot) return;
      this.shadowRoot.querySelector("spl-select").value = (v && v.country) || "";
      this.shadowRoot.querySelector("spl-input").value = (v && v.number) || "";
    }
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var telId = nextId();
      var countries = JSON.parse(this.getAttribute("countries") || "[]");
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        '<div class="c-spl-phone-field"><spl-internal-form-field>' +
        '<label slot="label" class="c-spl-form-field-label" for="' + telId + '" id="' + telId + '-label">' + esc(this.getAttribute("label")) + "</label>" +
        '<div class="c-spl-phone-field-content">' +
        '<spl-select class="c-spl-phone-field-select" aria-label="Country code" searchable value="' + esc(this.getAttribute("country") || "") + '">' +
        countries.map(function (c) {
          return '<spl-select-option value="' + c[0] + '"><span class="c-spl-phone-field-select-option-container-country">' + esc(c[1]) +
            '</span> <span class="c-spl-phone-field-select-option-container-code">' + esc(c[2]) + "</span></spl-select-option>";
        }).join("") +
        "</spl-select>" +
        '<spl-input id="' + telId + '" type="tel" inner-aria-label="Phone number" inner-autocomplete="tel"></spl-input>' +
        '</div><span slot="error-msg"></span></spl-internal-form-field></div>';
      if (this._pending) this.value = this._pending;
      var self = this;
      root.addEventListener("spl-change", function (ev) {
        if (ev.target === self) return;
        ev.stopPropagation();
        announce(self, self.value);
      });
    }
  }

  /** A drop zone around a file input; announces the chosen files. */
  class SplDropzone extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        '<div class="c-spl-dropzone-wrapper c-spl-dropzone"><label for="file-input">' +
        '<span class="c-spl-dropzone-label-browse">' + esc(this.getAttribute("caption") || "Choose a file") + "</span> or drop it here</label>" +
        '<input type="file" id="file-input" accept=".pdf,.doc,.docx,.txt">' +
        '<span class="c-spl-dropzone-hint">10MB size limit</span></div><ul class="c-spl-file-list"></ul>';
      var self = this;
      var input = root.querySelector("input");
      input.addEventListener("change", function () {
        var f = input.files && input.files[0];
        if (f) self.dispatchEvent(new CustomEvent("spl-file", { bubbles: true, composed: true, detail: { file: f } }));
      });
    }
    showFile(name) {
      this.shadowRoot.querySelector(".c-spl-file-list").innerHTML = name ? "<li>" + esc(name) + "</li>" : "";
    }
  }

  /** Radio group: native radios in the shadow tree, question text from the label attribute. */
  class SplRadioGroup extends HTMLElement {
    constructor() { super(); this._value = ""; }
    get value() { return this._value; }
    set value(v) {
      this._value = v == null ? "" : String(v);
      if (!this.shadowRoot) return;
      Array.prototype.forEach.call(this.shadowRoot.querySelectorAll("input"), function (r) { r.checked = r.value === this._value; }, this);
    }
    set error(msg) {
      var e = this.shadowRoot && this.shadowRoot.querySelector(".c-spl-radio-error");
      if (e) e.textContent = msg || "";
    }
    connectedCallback() {
      if (this.shadowRoot) return;
      if (!this.id) this.id = nextId();
      var id = this.id;
      var opts = JSON.parse(this.getAttribute("options") || "[]");
      var root = this.attachShadow({ mode: "open", serializable: true });
      root.innerHTML =
        '<fieldset class="c-spl-radio-group" role="radiogroup"><legend>' + esc(this.getAttribute("label")) +
        (this.hasAttribute("required") ? '<span aria-hidden="true">*</span>' : "") + "</legend>" +
        opts.map(function (o, i) {
          return '<label class="c-spl-radio"><input type="radio" name="' + id + '" id="' + id + "-" + i + '" value="' + esc(o) + '"> ' + esc(o) + "</label>";
        }).join("") + '<p class="c-spl-radio-error"></p></fieldset>';
      var self = this;
      root.addEventListener("change", function (ev) {
        self._value = ev.target.value;
        announce(self, self._value);
      });
    }
  }

  customElements.define("spl-internal-form-field", SplInternalFormField);
  customElements.define("spl-input", SplInput);
  customElements.define("spl-textarea", SplTextarea);
  customElements.define("spl-checkbox", SplCheckbox);
  customElements.define("spl-button", SplButton);
  customElements.define("spl-select-option", SplSelectOption);
  customElements.define("spl-select", SplSelect);
  customElements.define("spl-autocomplete", SplAutocomplete);
  customElements.define("spl-dropzone", SplDropzone);
  customElements.define("spl-phone-field", SplPhoneField);
  customElements.define("spl-radio-group", SplRadioGroup);
})();
