// Buttons of the reconnect dialog, and the .NET 10 reconnect event mapped onto the classes that the
// 9.0 blazor.web.js sets itself, so the same dialog works with either script (docs/decisions/0002).
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    const states = { show: "components-reconnect-show", retrying: "components-reconnect-show", failed: "components-reconnect-failed", rejected: "components-reconnect-rejected" };
    modal.addEventListener("components-reconnect-state-changed", e => {
        modal.classList.remove(...Object.values(states));
        const cls = states[e.detail?.state];
        if (cls) modal.classList.add(cls);
    });
    modal.querySelector("[data-reconnect-retry]")?.addEventListener("click", async () => {
        try {
            const ok = await window.Blazor?.reconnect?.();
            if (ok === false) location.reload();
        } catch {
            location.reload();
        }
    });
    modal.querySelector("[data-reconnect-reload]")?.addEventListener("click", () => location.reload());
})();
