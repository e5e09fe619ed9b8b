// Starts a file download from the server without leaving the page (Print of Send & Print).
window.invoiceHub = window.invoiceHub || {};
window.invoiceHub.download = (url) => {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    document.body.appendChild(link);
    link.click();
    link.remove();
};

// Downloads bytes the circuit already has (the PDF that was just emailed), so Print saves exactly what was sent.
window.invoiceHub.downloadBytes = (fileName, contentType, base64) => {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
};
