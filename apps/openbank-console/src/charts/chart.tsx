import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the console draws: lines and bars on linear and category scales (tree-shaken from the rest).
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'system-ui, sans-serif';
Chart.defaults.color = '#3d4451';
Chart.defaults.animation = false;

export const palette = ['#0b5cad', '#b3261e', '#1b7f3b', '#8a4baf', '#b35c00', '#00758f', '#5b6270'];

/**
 * A Chart.js chart on a canvas. The canvas is an image to assistive technology, named by `label`;
 * `summary` (visible, under the chart) says in words what it shows, so no one needs the picture.
 */
export function ChartCanvas({
  config,
  label,
  summary,
  height = 260,
  testId,
}: {
  config: ChartConfiguration<'line'> | ChartConfiguration<'bar'>;
  label: string;
  summary: string;
  height?: number;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } } as ChartConfiguration);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is made once; later configurations update it in place (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data = config.data as Chart['data'];
    current.options = { responsive: true, maintainAspectRatio: false, ...config.options } as Chart['options'];
    current.update('none');
  }, [config]);

  return (
    <figure className="chart" data-testid={testId}>
      <div className="chart-canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      <figcaption className="chart-summary">{summary}</figcaption>
    </figure>
  );
}

/** Dates on a linear axis of epoch milliseconds (no date adapter needed). */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
export const formatInstant = (ms: number) => dateTime.format(new Date(ms));
export const formatTime = (ms: number) => timeOnly.format(new Date(ms));
