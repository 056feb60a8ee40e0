// frenemy workbench: actor search on the home page, evidence filters on the dyad page.
// No inline scripts (the Content-Security-Policy forbids them); text is set with textContent only.
(function () {
  "use strict";

  const search = document.getElementById("actor-search");
  if (search) {
    const results = document.getElementById("actor-results");
    let timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const q = search.value.trim();
        results.replaceChildren();
        if (!q) return;
        const response = await fetch("/api/actors?limit=10&q=" + encodeURIComponent(q));
        if (!response.ok) return;
        const data = await response.json();
        for (const row of data.rows) {
          const li = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "pick";
          button.textContent = row.name;
          button.addEventListener("click", function () {
            const a = document.getElementById("actor-a"), b = document.getElementById("actor-b");
            (a.value ? b : a).value = row.name;
          });
          const small = document.createElement("small");
          small.textContent = " " + row.mentions + " mentions in " + row.documents + " documents";
          li.append(button, small);
          results.append(li);
        }
      }, 150);
    });
  }

  const filters = document.getElementById("evidence-filters");
  if (filters) {
    const items = Array.from(document.querySelectorAll("#evidence li"));
    const count = document.getElementById("evidence-count");
    const apply = function () {
      const f = Object.fromEntries(new FormData(filters).entries());
      let shown = 0;
      for (const li of items) {
        const d = li.dataset;
        const ok = (!f.from || d.date >= f.from) && (!f.to || (d.date && d.date <= f.to)) &&
          (!f.source || d.source.toLowerCase().includes(f.source.toLowerCase())) &&
          (!f.grade || d.grade === f.grade) && (!f.commitment || d.commitment === f.commitment);
        li.classList.toggle("hidden", !ok);
        shown += ok ? 1 : 0;
      }
      count.textContent = shown + " of " + items.length + " shown";
    };
    filters.addEventListener("input", apply);
    filters.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }
})();
