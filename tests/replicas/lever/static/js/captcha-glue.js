/* Replica of Lever's hCaptcha wiring (own code): the submit button is a plain button that
 * runs the invisible widget; the form is posted from the widget's callback by clicking a
 * hidden submit button, so the browser still checks `required` fields. */
var captchaId;
var executedFromSubmitButton = false;
var hcaptchaTokenExpired = false;
function clickSubmitButton() {
  document.getElementById("hcaptchaSubmitBtn").click();
}
var onSuccess = function (token) {
  hcaptchaTokenExpired = false;
  document.getElementById("hcaptchaResponseInput").value = token;
  if (executedFromSubmitButton) clickSubmitButton();
};
var onExpired = function () { hcaptchaTokenExpired = true; };
var onLoad = function () {
  captchaId = hcaptcha.render("h-captcha", {
    sitekey: document.getElementById("h-captcha").getAttribute("data-sitekey"),
    callback: onSuccess,
    "expired-callback": onExpired,
  });
  document.getElementById("btn-submit").addEventListener("click", function () {
    var token = document.getElementById("hcaptchaResponseInput").value;
    if (token && !hcaptchaTokenExpired) { clickSubmitButton(); return; }
    executedFromSubmitButton = true;
    hcaptcha.execute(captchaId);
  });
};
