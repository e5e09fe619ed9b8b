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
