// The interactive network map (Cytoscape.js, fCoSE layout). Reads the map's JSON from the
// container's data-source, draws it, and wires the controls: colour by, size by, highlight
// brokers, a person's ego network (named maps only), and PNG/SVG export. The tables on the
// wave page carry the same information for people who cannot use the map.
(function () {
  "use strict";
  const container = document.getElementById("network-map");
  if (!container || typeof cytoscape === "undefined") {
    return;
  }
  cytoscape.use(cytoscapeFcose);
  cytoscape.use(cytoscapeSvg);

  // Colour-blind-safe palette (Okabe-Ito, then Tol's muted), cycled for many groups.
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
    "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"];
  const status = document.getElementById("network-map-status");
  const legend = document.getElementById("network-map-legend");
  const details = document.getElementById("network-map-details");
  const colourBy = document.getElementById("map-colour");
  const sizeBy = document.getElementById("map-size");
  const brokers = document.getElementById("map-brokers");
  let cy = null;
  let data = null;

  function say(text) {
    status.textContent = text;
  }

  function load(url) {
    say("Loading the map…");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : r.json().then((p) => Promise.reject(new Error(p.detail || r.statusText)))))
      .then((json) => {
        data = json;
        draw();
      })
      .catch((e) => say("The map could not be loaded: " + e.message));
  }

  function draw() {
    const elements = [];
    data.nodes.forEach((n) => elements.push({ data: Object.assign({}, n, { id: "n" + n.id }) }));
    data.edges.forEach((e, i) => elements.push({ data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target, weight: e.weight } }));
    if (cy) {
      cy.destroy();
    }
    cy = cytoscape({
      container: container,
      elements: elements,
      minZoom: 0.1,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: data.nodes.length > 30 ? "" : "data(label)", "font-size": 10, color: "#212b32",
          "text-background-color": "#ffffff", "text-background-opacity": 0.7,
          "text-valign": "bottom", "text-margin-y": 2, "border-width": 1, "border-color": "#ffffff" } },
        { selector: "node.broker", style: { "border-width": 4, "border-color": "#212b32" } },
        { selector: "node.ego", style: { "border-width": 5, "border-color": "#d5281b", label: "data(label)" } },
        { selector: "node.hover", style: { label: "data(label)", "z-index": 10 } },
        { selector: "node:selected", style: { "border-width": 5, "border-color": "#ffb81c", label: "data(label)" } },
        { selector: "edge", style: { width: "mapData(weight, 1, " + Math.max(2, data.maxWeight || 1) + ", 0.6, 6)",
          "line-color": "#aeb7bd", opacity: 0.6, "curve-style": "haystack" } },
      ],
      layout: { name: "fcose", quality: data.nodes.length > 400 ? "draft" : "default", animate: false,
        randomize: true, nodeRepulsion: data.named ? 6000 : 20000, idealEdgeLength: data.named ? 60 : 120 },
    });
    restyle();
    cy.on("tap", "node", (ev) => show(ev.target.data()));
    cy.on("mouseover", "node", (ev) => ev.target.addClass("hover"));
    cy.on("mouseout", "node", (ev) => ev.target.removeClass("hover"));
    say(data.description);
  }

  function restyle() {
    if (!cy) {
      return;
    }
    const key = colourBy ? colourBy.value : "group";
    const values = [];
    cy.nodes().forEach((n) => {
      const v = n.data(key) || "Not recorded";
      if (!values.includes(v)) {
        values.push(v);
      }
    });
    values.sort((x, y) => String(x).localeCompare(String(y), "en-GB", { numeric: true }));
    const colours = {};
    values.forEach((v, i) => (colours[v] = palette[i % palette.length]));
    const metric = sizeBy ? sizeBy.value : "size";
    let max = 0;
    cy.nodes().forEach((n) => (max = Math.max(max, Number(n.data(metric)) || 0)));
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.data("colour", colours[n.data(key) || "Not recorded"]);
        const value = Number(n.data(metric)) || 0;
        n.data("size", 10 + (max > 0 ? 40 * Math.sqrt(value / max) : 0));
        n.toggleClass("broker", !!(brokers && brokers.checked && n.data("broker")));
        n.toggleClass("ego", !!(data.ego && n.data("id") === "n" + data.ego));
      });
    });
    legend.innerHTML = "";
    values.slice(0, 24).forEach((v) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "app-legend__swatch";
      swatch.style.backgroundColor = colours[v];
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(key === "cluster" && v !== "Not recorded" ? "Cluster " + v : v));
      legend.appendChild(li);
    });
    if (values.length > 24) {
      const li = document.createElement("li");
      li.textContent = "and " + (values.length - 24) + " more";
      legend.appendChild(li);
    }
  }

  function show(d) {
    details.innerHTML = "";
    const h = document.createElement("h3");
    h.className = "nhsuk-heading-s";
    h.textContent = d.label;
    details.appendChild(h);
    const dl = document.createElement("dl");
    dl.className = "app-map-details";
    (data.fields || []).forEach((f) => {
      if (d[f.key] === undefined || d[f.key] === null) {
        return;
      }
      const dt = document.createElement("dt");
      dt.textContent = f.label;
      const dd = document.createElement("dd");
      dd.textContent = typeof d[f.key] === "number" ? Number(d[f.key]).toLocaleString("en-GB", { maximumFractionDigits: 3 }) : d[f.key];
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    details.appendChild(dl);
    if (data.named && d.person) {
      const a = document.createElement("a");
      const page = new URL(container.dataset.page, window.location.href);
      page.searchParams.set("person", d.person);
      a.href = page.pathname + page.search;
      a.textContent = "Show " + d.label + "'s ego network";
      details.appendChild(a);
    }
  }

  function download(name, blob) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  document.getElementById("map-png").addEventListener("click", () => {
    if (cy) {
      download(container.dataset.file + ".png", cy.png({ output: "blob", full: true, bg: "#ffffff", scale: 2 }));
    }
  });
  document.getElementById("map-svg").addEventListener("click", () => {
    if (cy) {
      download(container.dataset.file + ".svg", new Blob([cy.svg({ full: true, bg: "#ffffff" })], { type: "image/svg+xml" }));
    }
  });
  [colourBy, sizeBy, brokers].forEach((c) => c && c.addEventListener("change", restyle));
  document.getElementById("map-controls").classList.remove("app-hidden");
  load(container.dataset.source);
})();
