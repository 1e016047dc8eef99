/**
 * The content scripts, in load order: the shared DOM layer (core/src/jobpilot/dom/js, in
 * the order of `SOURCES` in core/src/jobpilot/dom/__init__.py) and then the glue. Filled in
 * by build.mjs, which reads that order from the Python package.
 */
declare const __JOBPILOT_CONTENT_FILES__: string[];

export const CONTENT_FILES: string[] = __JOBPILOT_CONTENT_FILES__;

declare const __JOBPILOT_BROWSER__: "chromium" | "firefox";

/** Which build this is (build.mjs): the hints name the matching `--browser`. */
export const BROWSER: "chromium" | "firefox" = __JOBPILOT_BROWSER__;
