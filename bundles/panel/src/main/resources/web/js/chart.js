// The call quality chart: jitter (ms), loss (% of packets) and MOS over the call, one point a CallStatsUpdate.
const SERIES = [
  { key: 'jitter', colour: '#0a58ca', max: points => Math.max(10, ...points.map(p => p.jitter)) },
  { key: 'loss', colour: '#b3261e', max: points => Math.max(5, ...points.map(p => p.loss)) },
  { key: 'mos', colour: '#1e7b34', max: () => 5 },
];

export function point(event) {
  const packets = event.received + event.lost;
  return {
    length: event.callLength,
    jitter: event.jitter,
    loss: packets > 0 ? 100 * event.lost / packets : 0,
    mos: typeof event.mos === 'number' ? event.mos : 0,
  };
}

export function draw(canvas, points) {
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  context.strokeStyle = '#ccc';
  context.strokeRect(0.5, 0.5, width - 1, height - 1);
  if (points.length === 0) {
    return;
  }
  const last = Math.max(1, points.length - 1);
  for (const series of SERIES) {
    const max = series.max(points);
    context.strokeStyle = series.colour;
    context.fillStyle = series.colour;
    context.lineWidth = 2;
    context.beginPath();
    points.forEach((p, i) => {
      const x = 4 + (width - 8) * i / last;
      const y = height - 4 - (height - 8) * Math.min(1, p[series.key] / max);
      if (i === 0) {
        context.moveTo(x, y);
      } else {
        context.lineTo(x, y);
      }
      context.fillRect(x - 2, y - 2, 4, 4);
    });
    context.stroke();
  }
}
