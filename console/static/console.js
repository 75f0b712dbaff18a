// The console's only script of its own: draws the charts whose data a page carries as JSON
// (in the canvas's data-spec attribute)
// (Chart.js does the drawing), and gives the inbox keyboard moves. Everything else is htmx.
"use strict";

const COLOURS = {
  positive: "#2e8540", neutral: "#8a8f98", negative: "#c0392b",
  question: "#2f6fb0", complaint: "#c0392b", compliment: "#2e8540",
  reactive: "#6c4bb4", proactive: "#d98c1f",
};
const PALETTE = ["#2f6fb0", "#d98c1f", "#6c4bb4", "#2e8540", "#c0392b", "#16a2b8", "#8a8f98",
                 "#b5539c", "#5d7a1f", "#7a4b1f"];

function colour(series, index) {
  return COLOURS[series.key] || PALETTE[index % PALETTE.length];
}

function drawChart(canvas) {
  if (canvas.dataset.drawn || typeof Chart === "undefined") return;
  const spec = JSON.parse(canvas.dataset.spec);
  const horizontal = spec.type === "hbar";
  const datasets = spec.series.map((series, index) => {
    if (series.spikes) {  // spike alerts: markers on the time axis, not a stacked bar
      return {type: "line", label: series.label, data: series.data.map(n => (n > 0 ? n : null)),
              showLine: false, pointStyle: "triangle", pointRadius: 9, yAxisID: "spikes",
              backgroundColor: "#e0245e", borderColor: "#e0245e"};
    }
    return {label: series.label, data: series.data, backgroundColor: colour(series, index),
            stack: spec.stacked ? "all" : undefined};
  });
  const hasSpikes = spec.series.some(s => s.spikes);
  const scales = {
    x: {stacked: !!spec.stacked}, y: {stacked: !!spec.stacked, beginAtZero: true},
  };
  if (hasSpikes) scales.spikes = {position: "right", beginAtZero: true, grid: {display: false},
                                  ticks: {precision: 0}};
  canvas.dataset.drawn = "1";
  new Chart(canvas, {
    type: "bar",
    data: {labels: spec.labels, datasets},
    options: {
      indexAxis: horizontal ? "y" : "x", animation: false, responsive: true,
      maintainAspectRatio: false, scales,
      plugins: {legend: {display: datasets.length > 1}},
    },
  });
}

function drawCharts(root) {
  root.querySelectorAll("canvas[data-spec]").forEach(drawChart);
}

// j / k move between mentions in the inbox, Enter opens the focused one; / jumps to search.
function inboxKeys(event) {
  if (event.target.closest("input, textarea, select")) return;
  const items = Array.from(document.querySelectorAll("#mentions > li:not(.more)"));
  const current = items.indexOf(document.activeElement);
  if (event.key === "j" || event.key === "k") {
    const next = items[Math.max(0, Math.min(items.length - 1,
                                            current + (event.key === "j" ? 1 : -1)))];
    if (next) { next.focus(); event.preventDefault(); }
  } else if (event.key === "Enter" && current >= 0) {
    const link = items[current].querySelector("a[href^='/mention/']");
    if (link) link.click();
  } else if (event.key === "/") {
    const box = document.getElementById("q");
    if (box) { box.focus(); event.preventDefault(); }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  drawCharts(document);
  document.addEventListener("keydown", inboxKeys);
  document.body.addEventListener("htmx:afterSettle", event => drawCharts(event.target));
  // Pages come back from the server as the CSV links and form posts expect; a select that
  // changes a page without htmx submits its form.
  document.querySelectorAll("form.trend-controls select").forEach(select =>
    select.addEventListener("change", () => select.form.requestSubmit()));
});
