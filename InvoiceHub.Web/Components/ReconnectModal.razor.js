// Opens and closes the reconnect dialog on .NET 10's components-reconnect-state-changed events and runs its buttons
// (the template's ReconnectModal.razor.js, plus focus: a person on a keyboard or a screen reader lands in the dialog).
const dialog = document.getElementById("components-reconnect-modal");
const title = document.getElementById("components-reconnect-title");
const retryButton = document.getElementById("components-reconnect-button");
const resumeButton = document.getElementById("components-resume-button");

dialog.addEventListener("components-reconnect-state-changed", onStateChanged);
retryButton.addEventListener("click", retry);
resumeButton.addEventListener("click", resume);

function onStateChanged(event) {
    switch (event.detail.state) {
        case "show":
            open(title);
            break;
        case "hide":
            // Closing a modal dialog gives focus back to where it was before the dialog opened.
            dialog.close();
            break;
        case "failed":
            open(retryButton);
            document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
            break;
        case "paused":
        case "resume-failed":
            open(resumeButton);
            break;
        case "rejected":
            // The server no longer knows this page's circuit and could not resume it: a fresh page is the way back.
            location.reload();
            break;
    }
}

function open(focusTarget) {
    if (!dialog.open) {
        dialog.showModal();
    }
    focusTarget.focus();
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    try {
        // true: reconnected; false: the server answered but no longer has the circuit; an exception: not reachable.
        const reconnected = await Blazor.reconnect();
        if (!reconnected) {
            const resumed = await Blazor.resumeCircuit();
            if (resumed) {
                dialog.close();
            } else {
                location.reload();
            }
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const resumed = await Blazor.resumeCircuit();
        if (!resumed) {
            location.reload();
        }
    } catch {
        dialog.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
