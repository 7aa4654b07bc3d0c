// OmniaKey console: progressive enhancement only; every page works without this script.
// - [data-copy="#id"] buttons copy that element's text to the clipboard and say so.
// - form[data-confirm="question"] asks before submitting (revoke, rotate, close the account).
// - form[data-loading] disables its submit button and shows the "working" text while the request runs.
document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    try {
        await navigator.clipboard.writeText(source.textContent.trim());
        const label = button.textContent;
        button.textContent = button.getAttribute("data-copied") || "Copied";
        setTimeout(() => { button.textContent = label; }, 2000);
    } catch {
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }
});

document.addEventListener("submit", (event) => {
    const form = event.target;
    const question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
    }
    if (form.hasAttribute("data-loading")) {
        const button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
        if (button) {
            button.setAttribute("aria-busy", "true");
            const working = form.getAttribute("data-loading") || document.documentElement.getAttribute("data-working");
            if (working) {
                button.dataset.label = button.textContent;
                button.textContent = working;
            }
            // Disabled after this event, so the button's own name/value are still submitted.
            setTimeout(() => { button.disabled = true; }, 0);
        }
    }
});

// The first error summary on a page gets the focus, so keyboard and screen-reader users hear what went wrong.
document.addEventListener("DOMContentLoaded", () => {
    const errors = document.querySelector(".errors[role=alert]");
    if (errors) errors.focus();
});

// Back from another site (Stripe Checkout) the browser may restore this page from its back-forward cache with a
// button still "working"; put every busy button back.
window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    document.querySelectorAll('button[aria-busy="true"]').forEach((button) => {
        button.removeAttribute("aria-busy");
        button.disabled = false;
        if (button.dataset.label) button.textContent = button.dataset.label;
    });
});
