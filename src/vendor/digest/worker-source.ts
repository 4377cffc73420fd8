// The hashing worker, kept as plain JavaScript source and started with `eval: true` so the same code runs
// under tsx (tests), from dist/ (the built CLI) and in benches, with no loader or path resolution in the
// worker. Measured (DESIGN "Performance notes"): synchronous reads into one reused buffer + crypto.hash in
// two worker threads are 1.6x faster than sha256sum -P2; per-file fs.promises reads are 4-10x slower.
export const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const crypto = require("node:crypto");
const oneShot = typeof crypto.hash === "function"
  ? (b) => crypto.hash("sha256", b, "hex")
  : (b) => crypto.createHash("sha256").update(b).digest("hex");
const MAX_BUF = 16 * 1024 * 1024;
let buf = Buffer.allocUnsafe(1024 * 1024);
const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0);
function hashFile(path) {
  const fd = fs.openSync(path, flags);
  try {
    const st = fs.fstatSync(fd);
    // Only regular files are opened on purpose; anything else that raced in is reported, never read.
    if (!st.isFile()) return ["", st.mode, "not-regular"];
    const size = st.size;
    if (size <= MAX_BUF) {
      if (size >= buf.length) buf = Buffer.allocUnsafe(Math.min(MAX_BUF, Math.max(size + 1, buf.length * 2)));
      let n = 0;
      for (;;) {
        if (n === buf.length) {
          // The file grew past the buffer while being read: finish it incrementally.
          const h = crypto.createHash("sha256").update(buf.subarray(0, n));
          for (;;) {
            const r = fs.readSync(fd, buf, 0, buf.length, null);
            if (r === 0) break;
            h.update(buf.subarray(0, r));
          }
          return [h.digest("hex"), st.mode, ""];
        }
        const r = fs.readSync(fd, buf, n, buf.length - n, null);
        if (r === 0) break;
        n += r;
        // Stopping at the size fstat gave saves one read() per file (16k syscalls on a 16k-file tree).
        if (n === size && size > 0) break;
      }
      return [oneShot(buf.subarray(0, n)), st.mode, ""];
    }
    if (buf.length < MAX_BUF) buf = Buffer.allocUnsafe(MAX_BUF);
    const h = crypto.createHash("sha256");
    for (;;) {
      const r = fs.readSync(fd, buf, 0, buf.length, null);
      if (r === 0) break;
      h.update(buf.subarray(0, r));
    }
    return [h.digest("hex"), st.mode, ""];
  } finally {
    fs.closeSync(fd);
  }
}
parentPort.on("message", (msg) => {
  const out = new Array(msg.paths.length);
  for (let i = 0; i < msg.paths.length; i++) {
    try {
      out[i] = hashFile(msg.paths[i]);
    } catch (e) {
      out[i] = ["", 0, (e && e.code) || String(e)];
    }
  }
  parentPort.postMessage({ id: msg.id, out });
});
`;
