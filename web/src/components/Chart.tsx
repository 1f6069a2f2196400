// Chart.js on a canvas, with the same data as a table for screen readers and
// for people who would rather read.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../i18n";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
}

export function BarChart({ title, labels, series, horizontal }: { title: string; labels: string[]; series: Series[]; horizontal?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const i18n = useI18n();
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<"bar"> = {
      type: "bar",
      data: {
        labels,
        datasets: series.map((one) => ({ label: one.label, data: one.values, backgroundColor: one.color, borderRadius: 3 })),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: i18n.lang === "es" ? "es-PE" : "en-GB",
        plugins: { legend: { display: series.length > 1, position: "bottom" } },
        scales: {
          x: { beginAtZero: true, ticks: horizontal ? { precision: 0 } : {} },
          y: horizontal
            ? {
                // Long names keep their distinctive end: "…Sintético de Huamanga".
                ticks: {
                  callback(value) {
                    const label = String(this.getLabelForValue(Number(value)));
                    const room = this.chart.width < 400 ? 16 : 26;
                    if (label.length <= room) return label;
                    // Whole words from the end: "…de Huamanga".
                    let tail = "";
                    for (const word of label.split(" ").reverse()) {
                      const next = tail ? word + " " + tail : word;
                      if (next.length > room - 1) break;
                      tail = next;
                    }
                    return "…" + (tail || label.slice(-(room - 1)));
                  },
                },
              }
            : { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [JSON.stringify([labels, series, horizontal, i18n.lang])]);
  const height = horizontal ? Math.max(160, labels.length * 34 * Math.max(1, series.length) + 60) : 260;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-box" style={{ height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{i18n.t("dash.tableView")}</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                {series.map((one) => (
                  <th scope="col" key={one.label}>
                    {one.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, row) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((one) => (
                    <td key={one.label}>{one.values[row] === null ? i18n.t("dash.hidden") : i18n.number(one.values[row])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
