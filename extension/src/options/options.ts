/** The options page: pick the profile the extension fills with (stored in storage.local). */

import { errorMessage } from "../shared/protocol";
import { $, command, h } from "../shared/ui";

async function main(): Promise<void> {
  const host = await command("ui.host", {});
  $("host").textContent = `Host: ${host.state} — ${host.message}${host.hint ? ` (${host.hint})` : ""}`;
  const sel = $("profile") as HTMLSelectElement;
  let data;
  try {
    data = await command("ui.profiles", {});
  } catch (e) {
    $("error").textContent = errorMessage(e);
    $("error").hidden = false;
    return;
  }
  const { profile } = (await chrome.storage.local.get(["profile"])) as { profile?: string };
  for (const p of data.profiles) sel.append(h("option", { value: p.name }, `${p.name} — ${p.person ?? ""} <${p.email ?? ""}>`));
  sel.value = profile && data.profiles.some((p) => p.name === profile) ? profile : data.default;
  const info = (): void => {
    const p = data.profiles.find((x) => x.name === sel.value);
    $("profile-info").textContent = p ? `Resumes: ${p.resumes.map((r) => r.name).join(", ") || "none"}` : "No such profile yet.";
  };
  info();
  sel.addEventListener("change", async () => {
    await chrome.storage.local.set({ profile: sel.value, resume: null });
    info();
    $("saved").hidden = false;
    setTimeout(() => ($("saved").hidden = true), 1500);
  });
}

void main();
