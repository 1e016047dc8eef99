// Builds dist/chromium and dist/firefox from one source.
//
// - The content scripts are the shared DOM layer, copied unchanged from
//   core/src/jobpilot/dom/js in the order of SOURCES in core/src/jobpilot/dom/__init__.py,
//   followed by the glue (src/content). The order is read from the Python file, so the
//   extension and the Playwright runner always load the same scripts the same way.
// - TypeScript is bundled with esbuild (one classic script per entry point).
// - One manifest source, two outputs: Chromium gets a service worker and the public key
//   that fixes the extension ID; Firefox gets background.scripts and a gecko id.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const domDir = join(here, "..", "core", "src", "jobpilot", "dom");
const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));

/** SOURCES from dom/__init__.py: the load order of the DOM layer's scripts. */
export function domSources() {
  const py = readFileSync(join(domDir, "__init__.py"), "utf8");
  const m = py.match(/SOURCES[^=]*=\s*\(([\s\S]*?)\)/);
  if (!m) throw new Error("SOURCES not found in core/src/jobpilot/dom/__init__.py");
  const names = [...m[1].matchAll(/"([^"]+\.js)"/g)].map((x) => x[1]);
  if (!names.length) throw new Error("SOURCES is empty");
  return names;
}

// The public half of the extension's RSA key (base64 DER). The ID it yields,
// dakhacnfhcndgahldbijjidbgdjclbmn, is jobpilot_host.EXTENSION_ID.
const PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxWAHzGLl3lhlyhROkRVrEv3u8DcAxC/ULtoMkeOlnlMGWpFn82/af25utrvCFc4aiJONiAaekhfAmwv9Uu6VXF12rOZXdNuNrrSTKGE0S/KL7G5jBbWwUdp9dbC+e6XT62BhwzfEWoh5flHahRGNwsmBvhCoxHahq3TUhtPMk7yODq9p44KwwurcyAMcGjMA1+b8MNkKoK57vHYSHpza8NUw50/HK/f1BdPe3DYYaxtdjtYlB9WeIqkqyTIJ+bKYTSRn+9Q9LHW4G06uqysJXC0B0IoBXnt85APs1dttqavwy1FyDomYz0DIfccdNFWcZA68DfikwOI09q9hzgbWvQIDAQAB";
const GECKO_ID = "jobpilot@jobpilot.dev";
const HOST_NAME = "com.jobpilot.host";
const ICON_SIZES = [16, 32, 48, 128];
const ICONS = Object.fromEntries(ICON_SIZES.map((n) => [String(n), `icons/icon-${n}.png`]));

function manifest(browser, contentFiles) {
  const m = {
    manifest_version: 3,
    name: "JobPilot",
    short_name: "JobPilot",
    version: pkg.version,
    description: "Fill job applications in your own browser with your JobPilot profile (needs the JobPilot native host).",
    permissions: ["nativeMessaging", "storage", "tabs", "scripting", "webNavigation"],
    host_permissions: ["<all_urls>"],
    icons: ICONS,
    action: { default_popup: "popup.html", default_title: "JobPilot", default_icon: ICONS },
    options_ui: { page: "options.html", open_in_tab: true },
    content_scripts: [
      { matches: ["<all_urls>"], all_frames: true, run_at: "document_end", js: contentFiles },
    ],
  };
  if (browser === "chromium") {
    m.key = PUBLIC_KEY;
    m.minimum_chrome_version = "116";
    m.background = { service_worker: "background.js" };
  } else {
    m.background = { scripts: ["background.js"] };
    m.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: "142.0", data_collection_permissions: { required: ["none"] } },
    };
  }
  return m;
}

async function buildFor(browser) {
  const out = join(here, "dist", browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "dom"), { recursive: true });
  const sources = domSources();
  for (const name of sources) cpSync(join(domDir, "js", name), join(out, "dom", name));
  const contentFiles = [...sources.map((n) => `dom/${n}`), "content.js"];
  await build({
    entryPoints: {
      background: join(here, "src/background/index.ts"),
      content: join(here, "src/content/index.ts"),
      popup: join(here, "src/popup/popup.ts"),
      options: join(here, "src/options/options.ts"),
    },
    outdir: out,
    bundle: true,
    format: "iife",
    target: browser === "chromium" ? "chrome116" : "firefox128",
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    define: {
      __JOBPILOT_CONTENT_FILES__: JSON.stringify(contentFiles),
      __JOBPILOT_BROWSER__: JSON.stringify(browser),
      __JOBPILOT_HOST_NAME__: JSON.stringify(HOST_NAME),
    },
  });
  mkdirSync(join(out, "icons"), { recursive: true });
  for (const n of ICON_SIZES) cpSync(join(here, "icons", `icon-${n}.png`), join(out, "icons", `icon-${n}.png`));
  for (const f of ["popup/popup.html", "popup/popup.css", "options/options.html", "options/options.css"]) {
    cpSync(join(here, "src", f), join(out, f.split("/").pop()));
  }
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest(browser, contentFiles), null, 2) + "\n");
  return out;
}

const targets = process.argv.slice(2).length ? process.argv.slice(2) : ["chromium", "firefox"];
for (const t of targets) {
  if (!["chromium", "firefox"].includes(t)) throw new Error(`unknown target ${t}`);
  console.log(`built ${await buildFor(t)}`);
}
