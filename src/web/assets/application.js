// Waymark's browser script, loaded as a module:
//   <script type="module" src="/public/generated/application.js"></script>
// Every page works without it; it only enhances. There are no inline scripts (the CSP forbids them), so
// the `js-enabled` class that GOV.UK Frontend's own template adds inline is added here.
import { initAll as initGovukFrontend } from "/public/generated/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "/public/generated/moj-frontend.min.js";

// A browser that runs a module script supports what GOV.UK Frontend needs.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

initGovukFrontend();
if (typeof initMojFrontend === "function") initMojFrontend();

/**
 * A wide table scrolls sideways inside `.app-table-wrapper` on a small screen. While it does, the wrapper
 * is a labelled, focusable region, so keyboard users can scroll it too.
 */
function makeScrollingTablesFocusable() {
  for (const wrapper of document.querySelectorAll(".app-table-wrapper")) {
    if (wrapper.dataset.appAuthored === undefined) {
      // Leave alone a wrapper whose template already made it focusable
      wrapper.dataset.appAuthored = wrapper.hasAttribute("tabindex") ? "yes" : "no";
    }
    if (wrapper.dataset.appAuthored === "yes") continue;
    if (wrapper.scrollWidth > wrapper.clientWidth) {
      const caption = wrapper.querySelector("caption")?.textContent.trim();
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute(
        "aria-label",
        caption ? `${caption} (scrolls sideways)` : "Table (scrolls sideways)",
      );
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) wrapper.removeAttribute(name);
    }
  }
}

makeScrollingTablesFocusable();
window.addEventListener("resize", makeScrollingTablesFocusable);

/**
 * `<select data-module="app-autocomplete">` becomes a type-ahead (accessible-autocomplete) for long
 * lists such as organisations. The select stays in the page, hidden, and is what the form submits.
 */
async function enhanceAutocompletes() {
  const selects = document.querySelectorAll('select[data-module="app-autocomplete"]');
  if (selects.length === 0) return;
  // The package is a UMD bundle: imported for its side effect, it sets `self.accessibleAutocomplete`.
  await import("/public/generated/accessible-autocomplete.min.js");
  const { accessibleAutocomplete } = window;
  if (!accessibleAutocomplete) return;
  for (const select of selects) {
    const id = select.id;
    const hasError = select.classList.contains("govuk-select--error");
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      // Keep an empty box when nothing is chosen, rather than the "Select a…" placeholder's text
      defaultValue: "",
      inputClasses: hasError ? "govuk-input--error" : null,
      onConfirm: (chosen) => {
        const option = [...select.options].find((o) => o.textContent === chosen);
        if (option) {
          option.selected = true;
          return;
        }
        // Clearing the box clears the choice, so the form does not send a value the person removed
        const input = document.getElementById(id);
        if (input instanceof HTMLInputElement && input.value.trim() === "") select.value = "";
      },
    });
  }
}

enhanceAutocompletes().catch((error) => {
  // The plain select still works; nothing to tell the person
  console.error("Autocomplete could not start", error);
});
