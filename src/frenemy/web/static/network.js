// frenemy network page: signed, dated actor graph drawn with the vendored Cytoscape.js.
(function () {
  "use strict";
  const slider = document.getElementById("year"), label = document.getElementById("year-label");
  const counter = document.getElementById("edge-count");
  fetch("/api/network").then(function (r) { return r.json(); }).then(function (net) {
    const years = net.edges.flatMap(function (e) { return e.spells.map(function (s) { return +s.start.slice(0, 4); }); });
    const first = Math.min.apply(null, years.length ? years : [2000]), last = Math.max.apply(null, years.length ? years : [2000]);
    slider.min = first; slider.max = last; slider.value = last;
    const maxWeight = Math.max.apply(null, net.edges.map(function (e) { return e.weight; }).concat([0.01]));
    const cy = cytoscape({
      container: document.getElementById("graph"),
      elements: [],
      style: [
        { selector: "node", style: { "label": "data(name)", "font-size": 10, "background-color": "#607d8b", "width": 14, "height": 14 } },
        { selector: "edge", style: { "width": "data(width)", "line-color": "data(colour)", "curve-style": "bezier", "opacity": 0.8 } }
      ]
    });
    const draw = function () {
      const year = +slider.value;
      label.textContent = String(year);
      const edges = [];
      for (const e of net.edges) {
        const spells = e.spells.filter(function (s) { return +s.start.slice(0, 4) <= year; });
        if (!spells.length) continue;
        const score = spells.reduce(function (a, s) { return a + s.score; }, 0) / spells.length;
        edges.push({ data: { id: e.source + "|" + e.target, source: e.source, target: e.target,
          width: 1 + 7 * e.weight / maxWeight, colour: score > 0.15 ? "#2e7d32" : score < -0.15 ? "#c62828" : "#9e9e9e" } });
      }
      const used = new Set(edges.flatMap(function (e) { return [e.data.source, e.data.target]; }));
      const nodes = net.nodes.filter(function (n) { return used.has(n.id); })
        .map(function (n) { return { data: { id: n.id, name: n.name } }; });
      cy.elements().remove();
      cy.add(nodes.concat(edges));
      cy.layout({ name: "cose", animate: false }).run();
      counter.textContent = edges.length + " relations, " + nodes.length + " actors";
    };
    slider.addEventListener("change", draw);
    draw();
  });
})();
