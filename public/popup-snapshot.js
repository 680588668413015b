// Paints the popup's last full view before its bundle loads (issue 20): inert, greyed, under an
// "Updating…" line, so no figure in it passes for fresh. The popup replaces it as soon as its own
// first view is ready (components/popup/WeeklySummary.tsx; format in lib/summary/snapshot.ts).
// A classic script: it runs while the page is parsed, before the module bundle.
(function () {
  try {
    var raw = localStorage.getItem('rapport:popup-snapshot');
    if (!raw) return;
    var s = JSON.parse(raw);
    var now = Date.now();
    if (!s || s.v !== 1 || typeof s.html !== 'string' || !(now < s.validUntil) || !(now >= s.savedAt)) return;
    var el = document.getElementById('snapshot');
    if (!el) return;
    var note = document.createElement('p');
    note.className = 'snapshot-note';
    note.setAttribute('role', 'status');
    note.textContent = String(s.staleLabel || 'Updating…');
    var view = document.createElement('div');
    view.className = 'snapshot-view';
    // Only the "Updating…" line is for assistive technology: the figures under it are not current.
    view.setAttribute('aria-hidden', 'true');
    // The popup's own markup, saved by the popup itself in the extension's own storage.
    view.innerHTML = s.html;
    el.replaceChildren(note, view);
    el.inert = true;
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (el.firstChild) performance.mark('rapport:snapshot-rendered');
      });
    });
  } catch (e) {
    // No snapshot then: the popup paints as before.
  }
})();
