// A camera-like picture for the demo call's ?video mode: 640×360 at 30 fps from an animated
// canvas, with enough moving detail that encoding it costs what a real camera's picture does.

/** @param {string} label @returns {{ stream: MediaStream, stop: () => void }} */
export function fakeCamera(label) {
  const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
  const g = canvas.getContext('2d');
  let frame = 0;
  const timer = setInterval(() => {
    frame++;
    g.fillStyle = `hsl(${frame % 360} 40% 30%)`;
    g.fillRect(0, 0, 640, 360);
    // Moving detail and noise, so the encoder has real work (a still picture costs nothing).
    for (let i = 0; i < 40; i++) {
      g.fillStyle = `hsl(${(frame * 7 + i * 37) % 360} 70% ${30 + ((i * 13 + frame) % 50)}%)`;
      g.fillRect((i * 53 + frame * (1 + (i % 5))) % 640, (i * 31 + frame * 2) % 360, 40 + (i % 7) * 10, 30 + (i % 3) * 20);
    }
    g.fillStyle = '#fff';
    g.font = '28px sans-serif';
    g.fillText(`${label} ${frame}`, 20, 340);
  }, 33);
  const stream = canvas.captureStream(30);
  return { stream, stop: () => clearInterval(timer) };
}
